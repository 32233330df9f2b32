//! Disk latency: a reply that follows a durable change leaves only after
//! the write; writes queue on one disk; a crash during a write loses the
//! replies that waited for it (the write itself is kept).

use super::pinger::Pinger;
use crate::sim::*;

fn pair_with_disk(disk_ms: u64) -> Sim<Pinger> {
    let network = NetworkConfig {
        latency: Latency::uniform_ms(10, 10),
        ..NetworkConfig::default()
    };
    let mut sim = Sim::new(SimConfig { seed: 1, network }, vec![Pinger::durable(); 2]);
    sim.set_disk(Latency::uniform_ms(disk_ms, disk_ms));
    sim
}

const S1: NodeId = NodeId(0);
const S2: NodeId = NodeId(1);

fn pong_times(sim: &Sim<Pinger>) -> Vec<SimTime> {
    sim.node(S1)
        .received
        .iter()
        .filter(|r| r.1 == "Pong")
        .map(|r| r.2)
        .collect()
}

#[test]
fn a_reply_after_a_durable_change_waits_for_the_write() {
    let mut sim = pair_with_disk(0);
    sim.run_until(ms(150), u64::MAX);
    assert_eq!(
        pong_times(&sim),
        [ms(120)],
        "no disk: ping at 100, pong back at 120"
    );
    let mut sim = pair_with_disk(12);
    sim.run_until(ms(150), u64::MAX);
    assert_eq!(
        pong_times(&sim),
        [ms(132)],
        "the pong leaves after a 12 ms write"
    );
    let mut sim = pair_with_disk(12);
    sim.run_until(ms(115), u64::MAX);
    assert_eq!(sim.writing_until(S2), Some(ms(122)), "S2 is writing");
}

#[test]
fn a_crash_during_the_write_loses_the_reply_but_keeps_the_write() {
    let mut sim = pair_with_disk(12);
    sim.run_until(ms(115), u64::MAX);
    sim.act(Action::Crash(Target::Node(S2)));
    sim.run_until(ms(150), u64::MAX);
    assert!(
        pong_times(&sim).is_empty(),
        "the reply died with the process"
    );
    assert_eq!(
        sim.node(S2).received.len(),
        1,
        "what it had written is kept"
    );
    assert_eq!(sim.writing_until(S2), None);
}

#[test]
fn writes_on_one_disk_queue_behind_each_other() {
    let mut sim = pair_with_disk(150);
    // Pings arrive at 110 and 210 ms; the first write ends at 260, the
    // second starts then and ends at 410; each pong takes 10 ms back.
    sim.run_until(ms(500), u64::MAX);
    assert_eq!(pong_times(&sim), [ms(270), ms(420)]);
}
