use super::*;
use crate::protocols::lock::{LOST_UPDATE, TOKEN_ORDER, TWO_HOLDERS};

fn setup(mode: LabMode) -> LabSetup {
    LabSetup {
        lab: "redis-lock".into(),
        mode,
        clients: 2,
        ttl_ms: 500,
        work_ms: 200,
        redis: "Redis server v=7.0.15".into(),
    }
}

fn ev(at_us: u64, who: Who, kind: LabKind) -> LabEvent {
    LabEvent { at_us, who, kind }
}

fn storage(at: u64, client: u8, token: u64, read: Option<u64>, value: u64, ok: bool) -> LabEvent {
    let kind = LabKind::Storage {
        client,
        token,
        read,
        value,
        accepted: ok,
        highest: Some(token),
    };
    ev(at, Who::Storage, kind)
}

fn acquired(at: u64, client: u8, token: u64) -> LabEvent {
    let kind = LabKind::Acquired {
        token,
        latency_us: 90,
    };
    ev(at, Who::Client(client), kind)
}

/// The pause story: C1 reads 0 with token 1, is paused past its lease,
/// C2 takes the lock with token 2 and writes 1; C1 wakes and writes 1.
fn pause_story(mode: LabMode) -> LabTrace {
    let mut trace = LabTrace::new(setup(mode));
    let c1_late = !mode.fencing();
    for e in [
        acquired(1_000, 1, 1),
        storage(2_000, 1, 1, None, 0, true),
        ev(2_100, Who::Client(1), LabKind::Read { value: 0 }),
        ev(3_000, Who::Lab, LabKind::Paused { client: 1 }),
        ev(501_000, Who::Redis, LabKind::Expired),
        acquired(510_000, 2, 2),
        storage(511_000, 2, 2, None, 0, true),
        storage(712_000, 2, 2, Some(0), 1, true),
        ev(1_503_000, Who::Lab, LabKind::Resumed { client: 1 }),
        storage(1_504_000, 1, 1, Some(0), 1, c1_late),
    ] {
        trace.insert(e);
    }
    trace
}

#[test]
fn a_write_from_a_stale_read_is_a_lost_update_with_nx_px() {
    let state = LabState::at_end(&pause_story(LabMode::NxPx));
    let names: Vec<_> = state.findings.iter().map(|f| f.invariant).collect();
    assert_eq!(names, [TWO_HOLDERS, LOST_UPDATE]);
    assert_eq!(
        state.findings[1].note,
        LabNote::LostUpdate {
            client: 1,
            value: 1,
            read: 0,
            held: 1
        }
    );
    assert_eq!(state.findings[1].at_us, 1_504_000);
    assert_eq!((state.writes_accepted, state.writes_refused), (2, 0));
    assert_eq!(state.expiries, [501_000]);
    assert_eq!(
        state.pauses,
        [Holding {
            client: 1,
            from_us: 3_000,
            to_us: Some(1_503_000)
        }]
    );
}

#[test]
fn fencing_refuses_the_late_write_and_nothing_is_lost() {
    let state = LabState::at_end(&pause_story(LabMode::Fencing));
    assert!(state.findings.iter().all(|f| !f.violation));
    assert_eq!((state.writes_accepted, state.writes_refused), (1, 1));
    assert_eq!(state.value, 1);
    let last = state.storage_log.back().unwrap();
    assert!(!last.accepted && last.token == 1);
}

#[test]
fn an_accepted_token_below_the_highest_is_out_of_order_under_fencing() {
    let mut trace = LabTrace::new(setup(LabMode::Fencing));
    trace.insert(storage(10, 2, 5, Some(0), 1, true));
    trace.insert(storage(20, 1, 4, Some(1), 2, true));
    let state = LabState::at_end(&trace);
    assert_eq!(state.findings.len(), 1);
    assert_eq!(state.findings[0].invariant, TOKEN_ORDER);
}

#[test]
fn a_naive_release_that_deletes_another_key_is_flagged() {
    let mut trace = LabTrace::new(setup(LabMode::Naive));
    trace.insert(acquired(10, 1, 1));
    trace.insert(acquired(20, 2, 2));
    let release = LabKind::Released {
        deleted: Some(2),
        latency_us: 50,
    };
    trace.insert(ev(30, Who::Client(1), release));
    let state = LabState::at_end(&trace);
    let last = state.findings.last().unwrap();
    assert_eq!(last.invariant, FREED_OTHERS_LOCK);
    assert_eq!(
        last.note,
        LabNote::FreedOthersLock {
            client: 1,
            own: 1,
            deleted: 2
        }
    );
    assert_eq!(state.key, None);
}

#[test]
fn the_state_at_a_moment_sees_only_what_came_before_it() {
    let trace = pause_story(LabMode::NxPx);
    let mid = LabState::at(&trace, 600_000);
    assert!(mid.clients[0].paused);
    assert_eq!(mid.key, Some(2));
    assert!(mid.findings.iter().all(|f| !f.violation));
    assert_eq!(mid.turns.len(), 2);
}

#[test]
fn a_trace_reads_back_as_written_in_time_order() {
    let trace = pause_story(LabMode::Fencing);
    let mut text = Vec::new();
    write_setup(&mut text, &trace.setup).unwrap();
    for e in trace.events.iter().rev() {
        write_event(&mut text, e).unwrap();
    }
    let text = String::from_utf8(text).unwrap();
    assert!(text.lines().nth(1).unwrap().contains(r#""kind":"storage""#));
    assert_eq!(read_trace(&text).unwrap(), trace);
}

#[test]
fn a_broken_trace_says_which_line() {
    let mut text = Vec::new();
    write_setup(&mut text, &setup(LabMode::Naive)).unwrap();
    let text = format!(
        "{}{{\"at_us\":1,\"who\":\"lab\",\"kind\":\"nonsense\"}}\n",
        String::from_utf8(text).unwrap()
    );
    let err = read_trace(&text).unwrap_err().to_string();
    assert!(err.starts_with("line 2:"), "{err}");
    assert!(matches!(read_trace(""), Err(TraceError::Empty)));
    let other = read_trace("{\"lab\":\"x\"}").unwrap_err().to_string();
    assert!(other.starts_with("line 1:"), "{other}");
    let mut two = Vec::new();
    write_setup(&mut two, &setup(LabMode::Naive)).unwrap();
    let two = String::from_utf8(two).unwrap();
    let stranger = format!("{two}{{\"at_us\":1,\"who\":\"C3\",\"kind\":\"asked\"}}\n");
    let err = read_trace(&stranger).unwrap_err().to_string();
    assert!(
        err.contains("line 2: C3 is not one of the run's 2 clients"),
        "{err}"
    );
    let paused = format!("{two}{{\"at_us\":1,\"who\":\"lab\",\"kind\":\"paused\",\"client\":0}}\n");
    assert!(read_trace(&paused).is_err());
    let many = two.replace("\"clients\":2", "\"clients\":200");
    assert!(read_trace(&many)
        .unwrap_err()
        .to_string()
        .contains("1 to 9 clients"));
}

#[test]
fn a_lab_step_reads_as_lessons_write_it_with_its_defaults() {
    let step: LabStep = ron::from_str(
        r#"(mode: "nx-px", work_ms: 200, pauses: [(client: 1, at_ms: 100, for_ms: 1500)], run_ms: 3000)"#,
    )
    .unwrap();
    assert_eq!(step.mode, LabMode::NxPx);
    assert_eq!((step.clients, step.ttl_ms), (2, 500));
    assert_eq!(
        step.pauses,
        [PauseAt {
            client: 1,
            at_ms: 100,
            for_ms: 1500
        }]
    );
}

#[test]
fn a_lab_step_that_cannot_run_is_refused_with_why() {
    for (text, why) in [
        (
            r#"(mode: "redlock", work_ms: 1, run_ms: 1000)"#,
            "unknown lab mode",
        ),
        (
            r#"(mode: "naive", clients: 0, work_ms: 1, run_ms: 1000)"#,
            "1 to 9 clients",
        ),
        (
            r#"(mode: "naive", work_ms: 1, run_ms: 99)"#,
            "`run_ms` from 100",
        ),
        (
            r#"(mode: "naive", work_ms: 1, run_ms: 1000, pauses: [(client: 3, at_ms: 1, for_ms: 1)])"#,
            "names C3",
        ),
        (
            r#"(mode: "naive", work_ms: 1, run_ms: 1000, colour: 1)"#,
            "colour",
        ),
    ] {
        let err = ron::from_str::<LabStep>(text).unwrap_err().to_string();
        assert!(err.contains(why), "{text}: {err}");
    }
}

#[test]
fn a_pause_on_the_command_line_reads_as_client_at_for() {
    assert_eq!(
        "C2@300:1500".parse::<PauseAt>(),
        Ok(PauseAt {
            client: 2,
            at_ms: 300,
            for_ms: 1500
        })
    );
    for bad in ["C0@1:1", "C10@1:1", "C1@x:1", "C1-1:1", "1@1:1", "C1@1"] {
        assert!(bad.parse::<PauseAt>().is_err(), "{bad}");
    }
}
