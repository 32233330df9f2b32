use distlab::protocols::raft::{self, ClientWrite, RaftConfig};
use distlab::sim::{ms, Action, NetworkConfig, SimConfig, Target};

fn main() {
    let mut sim = raft::cluster(RaftConfig::default(), SimConfig { seed: 42, network: NetworkConfig::default() });
    sim.schedule(ms(1000), Action::Request(Target::Leader, ClientWrite("x=1".into())), false);
    sim.schedule(ms(1500), Action::Crash(Target::Leader), false);
    sim.schedule(ms(2500), Action::Request(Target::Leader, ClientWrite("y=2".into())), false);
    let mut n = 0;
    while sim.now() < ms(3000) && sim.step() == distlab::sim::StepOutcome::Stepped {
        for r in sim.last_records() {
            n += 1;
            if n < 60 || matches!(r.kind, distlab::sim::RecordKind::Proto(_) | distlab::sim::RecordKind::Crash{..} | distlab::sim::RecordKind::Violation{..}) {
                println!("{} {}", distlab::sim::format_time(r.t_us), r.kind);
            }
        }
    }
    println!("events {} violations {:?}", sim.events_processed(), sim.violations());
}
