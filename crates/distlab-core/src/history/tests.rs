//! The checker on histories written by hand, both ways, for every model
//! and every kind of completion; against a brute-force checker on random
//! small histories; and the explanations' minimality.

use super::*;
use crate::sim::SimRng;
use crate::units::Lang;

fn history(text: &str) -> History {
    edn::read(text).unwrap_or_else(|e| panic!("{e}"))
}

fn verdict(text: &str, model: Model) -> Verdict {
    check(&history(text), model, Limits::default())
}

fn linearizable(text: &str, model: Model) -> bool {
    match verdict(text, model) {
        Verdict::Linearizable { .. } => true,
        Verdict::NotLinearizable(_) => false,
        Verdict::Unknown { .. } => panic!("unknown on a tiny history"),
    }
}

#[test]
fn a_read_of_the_last_completed_write_is_linearizable_and_a_stale_one_is_not() {
    let fresh = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 0 :type :ok :f :write :value 1}
        {:process 0 :type :invoke :f :write :value 2}
        {:process 0 :type :ok :f :write :value 2}
        {:process 1 :type :invoke :f :read :value nil}
        {:process 1 :type :ok :f :read :value 2}";
    assert!(linearizable(fresh, Model::Register));
    let stale = fresh.replace(":ok :f :read :value 2", ":ok :f :read :value 1");
    let Verdict::NotLinearizable(why) = verdict(&stale, Model::Register) else {
        panic!("a stale read passed");
    };
    assert_eq!(why.ops, vec![0, 1, 2], "{why:?}");
    assert_eq!(why.culprit, 2);
    assert_eq!(
        why.describe(Lang::En),
        "process 1 read 1 at event 5, but process 0's write 2 had completed at event 4, before that read began"
    );
    assert_eq!(
        why.describe(Lang::Zh),
        "进程 1 在 第 5 个事件 读到 1，但 进程 0 写入 2 早在 第 4 个事件 就已完成，先于这次读开始"
    );
}

#[test]
fn concurrent_operations_may_take_effect_in_either_order() {
    // The read overlaps the write of 2: it may see 1 or 2, not 3.
    let text = |seen: i64| {
        format!(
            "{{:process 0 :type :invoke :f :write :value 1}}
             {{:process 0 :type :ok :f :write :value 1}}
             {{:process 0 :type :invoke :f :write :value 2}}
             {{:process 1 :type :invoke :f :read :value nil}}
             {{:process 1 :type :ok :f :read :value {seen}}}
             {{:process 0 :type :ok :f :write :value 2}}"
        )
    };
    assert!(linearizable(&text(1), Model::Register));
    assert!(linearizable(&text(2), Model::Register));
    assert!(!linearizable(&text(3), Model::Register));
}

#[test]
fn an_info_write_may_take_effect_late_or_never() {
    // Process 0's write timed out; a read long after may see it, or not.
    let text = |seen: &str| {
        format!(
            "{{:process 0 :type :invoke :f :write :value 1}}
             {{:process 0 :type :info :f :write :value 1}}
             {{:process 1 :type :invoke :f :read :value nil}}
             {{:process 1 :type :ok :f :read :value nil}}
             {{:process 1 :type :invoke :f :read :value nil}}
             {{:process 1 :type :ok :f :read :value {seen}}}"
        )
    };
    assert!(linearizable(&text("1"), Model::Register), "late");
    assert!(linearizable(&text("nil"), Model::Register), "never");
    // But once seen it cannot be unseen.
    let flicker = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 0 :type :info :f :write :value 1}
        {:process 1 :type :invoke :f :read :value nil}
        {:process 1 :type :ok :f :read :value 1}
        {:process 1 :type :invoke :f :read :value nil}
        {:process 1 :type :ok :f :read :value nil}";
    assert!(!linearizable(flicker, Model::Register));
}

#[test]
fn an_operation_still_open_at_the_end_counts_as_info() {
    let text = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 1 :type :invoke :f :read :value nil}
        {:process 1 :type :ok :f :read :value 1}";
    assert!(linearizable(text, Model::Register));
}

#[test]
fn a_failed_write_took_no_effect() {
    let text = |seen: &str| {
        format!(
            "{{:process 0 :type :invoke :f :write :value 1}}
             {{:process 0 :type :fail :f :write :value 1}}
             {{:process 1 :type :invoke :f :read :value nil}}
             {{:process 1 :type :ok :f :read :value {seen}}}"
        )
    };
    assert!(linearizable(&text("nil"), Model::Register));
    assert!(!linearizable(&text("1"), Model::Register));
}

#[test]
fn compare_and_set_succeeds_on_its_value_and_a_failed_one_saw_another() {
    let ok = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 0 :type :ok :f :write :value 1}
        {:process 1 :type :invoke :f :cas :value [1 2]}
        {:process 1 :type :ok :f :cas :value [1 2]}
        {:process 0 :type :invoke :f :read :value nil}
        {:process 0 :type :ok :f :read :value 2}";
    assert!(linearizable(ok, Model::Register));
    // A compare-and-set from 3 cannot succeed when 3 was never there.
    assert!(!linearizable(
        &ok.replace("[1 2]", "[3 2]"),
        Model::Register
    ));
    // A failed one saw another value: fine when the register held 1...
    let failed = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 0 :type :ok :f :write :value 1}
        {:process 1 :type :invoke :f :cas :value [3 2]}
        {:process 1 :type :fail :f :cas :value [3 2]}";
    assert!(linearizable(failed, Model::Register));
    // ...but not when it held exactly what it compared with.
    let wrongly_failed = failed.replace("[3 2]", "[1 2]");
    let Verdict::NotLinearizable(why) = verdict(&wrongly_failed, Model::Register) else {
        panic!("a compare-and-set that should have succeeded failed, unnoticed");
    };
    assert!(
        why.describe(Lang::En)
            .contains("(failed: it saw another value)"),
        "{}",
        why.describe(Lang::En)
    );
}

#[test]
fn an_info_compare_and_set_may_take_effect_late() {
    let text = "
        {:process 0 :type :invoke :f :write :value 1}
        {:process 0 :type :ok :f :write :value 1}
        {:process 1 :type :invoke :f :cas :value [1 2]}
        {:process 1 :type :info :f :cas :value [1 2]}
        {:process 0 :type :invoke :f :read :value nil}
        {:process 0 :type :ok :f :read :value 1}
        {:process 0 :type :invoke :f :read :value nil}
        {:process 0 :type :ok :f :read :value 2}";
    assert!(linearizable(text, Model::Register));
}

#[test]
fn a_key_value_store_is_checked_key_by_key() {
    let text = r#"
        {:process 0 :type :invoke :f :put :key "x" :value 1}
        {:process 0 :type :ok :f :put :key "x" :value 1}
        {:process 1 :type :invoke :f :put :key "y" :value 5}
        {:process 1 :type :ok :f :put :key "y" :value 5}
        {:process 2 :type :invoke :f :get :key "x" :value nil}
        {:process 2 :type :ok :f :get :key "x" :value 1}
        {:process 2 :type :invoke :f :get :key "y" :value nil}
        {:process 2 :type :ok :f :get :key "y" :value 5}"#;
    assert!(linearizable(text, Model::KeyValue));
    // As one register, the same history is wrong: x's 1 was overwritten by y's 5.
    assert!(!linearizable(text, Model::Register));
    // y sees x's value.
    let crossed = text.replace(r#":get :key "y" :value 5"#, r#":get :key "y" :value 1"#);
    let Verdict::NotLinearizable(why) = verdict(&crossed, Model::KeyValue) else {
        panic!("y read a value nobody wrote to y");
    };
    assert_eq!(
        why.describe(Lang::En),
        "process 2 read y = 1 at event 7, a value no operation could have given it then"
    );
}

#[test]
fn appends_build_a_list_that_reads_must_match() {
    let text = r#"
        {:process 0 :type :invoke :f :append :key "x" :value 1}
        {:process 0 :type :ok :f :append :key "x" :value 1}
        {:process 1 :type :invoke :f :append :key "x" :value 2}
        {:process 1 :type :ok :f :append :key "x" :value 2}
        {:process 2 :type :invoke :f :read :key "x" :value nil}
        {:process 2 :type :ok :f :read :key "x" :value [1 2]}"#;
    assert!(linearizable(text, Model::KeyValue));
    assert!(!linearizable(
        &text.replace("[1 2]", "[2 1]"),
        Model::KeyValue
    ));
    // A failed append took no effect.
    let failed = text.replace(
        ":ok :f :append :key \"x\" :value 2",
        ":fail :f :append :key \"x\" :value 2",
    );
    assert!(linearizable(
        &failed.replace("[1 2]", "[1]"),
        Model::KeyValue
    ));
}

#[test]
fn a_linearizable_verdict_gives_an_order_that_respects_real_time() {
    let h = history(
        "{:process 0 :type :invoke :f :write :value 1}
         {:process 1 :type :invoke :f :write :value 2}
         {:process 1 :type :ok :f :write :value 2}
         {:process 0 :type :ok :f :write :value 1}
         {:process 2 :type :invoke :f :read :value nil}
         {:process 2 :type :ok :f :read :value 2}",
    );
    let Verdict::Linearizable { order } = check(&h, Model::Register, Limits::default()) else {
        panic!("linearizable");
    };
    // The read of 2 forces the write of 1 first.
    assert_eq!(order, vec![0, 1, 2]);
}

#[test]
fn a_search_that_runs_out_of_steps_says_unknown() {
    let h = history(
        "{:process 0 :type :invoke :f :write :value 1}
         {:process 0 :type :ok :f :write :value 1}
         {:process 1 :type :invoke :f :read :value nil}
         {:process 1 :type :ok :f :read :value 1}",
    );
    let limits = Limits {
        steps: 1,
        deadline: None,
    };
    let verdict = check(&h, Model::Register, limits);
    assert_eq!(
        verdict,
        Verdict::Unknown {
            key: None,
            why: Unknown::Steps(1)
        }
    );
    assert!(verdict.describe(Lang::En).starts_with("unknown — "));
}

/// Every order of `ops` (leaving out `info` ones or not), tried one by
/// one, without the search's cache: an order grows one operation at a
/// time, each chosen among those no other remaining operation must
/// precede.
fn brute_force(ops: &[Op]) -> bool {
    let ops: Vec<&Op> = ops.iter().filter(|op| model::matters(op)).collect();
    let mut left: Vec<usize> = (0..ops.len()).collect();
    extend(&ops, &mut left, &model::INITIAL)
}

fn extend(ops: &[&Op], left: &mut Vec<usize>, state: &Value) -> bool {
    if left.iter().all(|&i| !model::required(ops[i])) {
        return true;
    }
    let end = |op: &Op| match op.completed {
        Some(at) if model::required(op) => at.index,
        _ => usize::MAX,
    };
    for at in 0..left.len() {
        let i = left[at];
        let may_go_first = left.iter().all(|&j| end(ops[j]) > ops[i].invoked.index);
        if !may_go_first {
            continue;
        }
        if let Some(next) = model::step(state, ops[i]) {
            left.remove(at);
            let found = extend(ops, left, &next);
            left.insert(at, i);
            if found {
                return true;
            }
        }
    }
    false
}

/// A random history of up to `max_ops` operations by three processes on
/// one register, with values from a small range so that reads sometimes
/// see what they should and sometimes not.
fn random_history(rng: &mut SimRng, max_ops: usize) -> History {
    History::from_events(random_events(rng, max_ops)).expect("well formed")
}

/// The events of [`random_history`], in order.
fn random_events(rng: &mut SimRng, max_ops: usize) -> Vec<Event> {
    let mut events = Vec::new();
    let mut open: Vec<Option<(Func, Value)>> = vec![None; 3];
    let mut invoked = 0;
    let mut latest = Value::Nil;
    while invoked < max_ops || open.iter().any(Option::is_some) {
        let p = rng.range(0, 2) as usize;
        let small = |rng: &mut SimRng| match rng.range(0, 3) {
            0 => Value::Nil,
            n => Value::Int(n as i64),
        };
        match open[p].take() {
            None if invoked < max_ops => {
                let func = [Func::Read, Func::Write, Func::Cas][rng.range(0, 2) as usize];
                let value = match func {
                    Func::Cas => Value::List(vec![small(rng), small(rng)]),
                    _ => small(rng),
                };
                match (&func, &value) {
                    (Func::Write, v) => latest = v.clone(),
                    (Func::Cas, Value::List(pair)) => latest = pair[1].clone(),
                    _ => {}
                }
                events.push(Event {
                    client: Client::Process(p as i64),
                    kind: EventKind::Invoke,
                    func,
                    key: None,
                    value: value.clone(),
                    time_us: None,
                    req: None,
                });
                open[p] = Some((func, value));
                invoked += 1;
            }
            None => {}
            Some((func, value)) => {
                let outcome = match rng.range(0, 5) {
                    0 => Outcome::Fail,
                    1 => Outcome::Info,
                    _ => Outcome::Ok,
                };
                let value = match func {
                    Func::Read if rng.chance(0.7) => latest.clone(),
                    Func::Read => small(rng),
                    _ => value,
                };
                events.push(Event {
                    client: Client::Process(p as i64),
                    kind: EventKind::Done(outcome),
                    func,
                    key: None,
                    value,
                    time_us: None,
                    req: None,
                });
            }
        }
    }
    events
}

#[test]
fn the_search_agrees_with_trying_every_order_on_random_small_histories() {
    let (mut yes, mut no) = (0, 0);
    for seed in 0..3000 {
        let mut rng = SimRng::new(seed);
        let h = random_history(&mut rng, 8);
        let expected = brute_force(&h.ops);
        let got = match check(&h, Model::Register, Limits::default()) {
            Verdict::Linearizable { .. } => true,
            Verdict::NotLinearizable(_) => false,
            Verdict::Unknown { .. } => panic!("seed {seed}: unknown"),
        };
        assert_eq!(got, expected, "seed {seed}: {h:#?}");
        if expected {
            yes += 1;
        } else {
            no += 1;
        }
    }
    assert!(
        yes > 300 && no > 300,
        "both verdicts are exercised: {yes} yes, {no} no"
    );
}

#[test]
fn an_explanation_is_minimal_deleting_any_of_its_operations_lets_the_rest_be_ordered() {
    let mut explained = 0;
    for seed in 0..1500 {
        let mut rng = SimRng::new(seed);
        let h = random_history(&mut rng, 12);
        let Verdict::NotLinearizable(why) = check(&h, Model::Register, Limits::default()) else {
            continue;
        };
        explained += 1;
        let ops = why.operations();
        assert!(
            !brute_force(ops),
            "seed {seed}: the explanation itself can be ordered"
        );
        let all: Vec<Op> = h.ops.clone();
        for skip in 0..ops.len() {
            let rest: Vec<Op> = ops
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, op)| op.clone())
                .collect();
            assert!(
                brute_force(&explain::without_orphans(&all, &rest)),
                "seed {seed}: without operation {skip} the explanation still cannot be ordered: {}",
                why.describe(Lang::En)
            );
        }
    }
    assert!(explained > 200, "{explained} explanations checked");
}

fn unreadable(text: &str) -> String {
    edn::read(text).expect_err("unreadable").to_string()
}

#[test]
fn jepsen_files_read_with_nemesis_ops_commas_comments_and_times() {
    let h = history(
        "; a Jepsen history\n\
         {:type :invoke, :f :write, :value 3, :process 4, :time 1500000000, :index 0}\n\
         {:type :info, :f :start, :value nil, :process :nemesis, :time 1600000000}\n\
         {:type :ok, :f :write, :value 3, :process 4, :time 2310000000, :index 1}\n",
    );
    assert_eq!(h.ops.len(), 1);
    let op = &h.ops[0];
    assert_eq!(op.client, Client::Process(4));
    assert_eq!((op.func, op.outcome), (Func::Write, Outcome::Ok));
    assert_eq!(op.value, Value::Int(3));
    assert_eq!(op.invoked.time_us, Some(1_500_000));
    assert_eq!(op.completed.and_then(|at| at.time_us), Some(2_310_000));
}

#[test]
fn malformed_jepsen_files_say_where() {
    assert_eq!(
        unreadable(
            "{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value 1\n"
        ),
        "2:1: this op map is never closed: a brace or bracket is missing"
    );
    assert_eq!(
        unreadable("{:process 0 :type :invoke :f :read}}\n"),
        "1:36: `}` closes nothing that is open"
    );
    assert_eq!(
        unreadable(
            "{:process 0 :type :invoke :f :read}\n  {:process 1 :type :ok :f :read :value 1}\n"
        ),
        "2:3: process 1 completes an operation it never invoked"
    );
    assert_eq!(
        unreadable(
            "{:process 0 :type :invoke :f :read}\n{:process 0 :type :invoke :f :write :value 1}\n"
        ),
        "2:1: process 0 invokes an operation while its previous one is still open"
    );
    assert_eq!(
        unreadable("{:process 0 :type :invoke :f :increment :value 1}"),
        "1:1: unknown :f :increment; expected :read, :write, :cas, :get, :put or :append"
    );
    assert_eq!(
        unreadable("{:process 0 :type :invoke :f :cas :value 1}"),
        "1:1: a compare-and-set's value must be [from to], not 1"
    );
    assert_eq!(
        unreadable("{:process 0 :type :done :f :read}"),
        "1:1: unknown :type :done; expected :invoke, :ok, :fail or :info"
    );
    assert_eq!(
        unreadable("{:process 0 :type :invoke :f :read}\n:read 1"),
        "2:1: expected an op map {:process … :type … :f …}, found :read"
    );
}

#[test]
fn distlab_traces_hold_histories_beside_other_records() {
    let h = jsonl::read(
        r#"{"t_us":0,"kind":"timer","node":1,"timer":"election"}
{"t_us":1000,"kind":"invoke","client":"C1","op":"write","key":"x","value":1,"req":7}
{"t_us":9000,"kind":"ok","client":"C1","op":"write","key":"x","value":1,"req":7}
"#,
    )
    .expect("reads");
    assert_eq!(h.ops.len(), 1);
    assert_eq!(h.ops[0].client, Client::Named("C1".into()));
    assert_eq!(h.ops[0].key.as_deref(), Some("x"));
    assert_eq!(h.ops[0].req, Some(7));
    let bad = jsonl::read("{\"kind\":\"ok\",\"client\":\"C1\",\"op\":\"read\"}\n").unwrap_err();
    assert_eq!(
        bad.to_string(),
        "1:1: C1 completes an operation it never invoked"
    );
    let broken = jsonl::read("{\"kind\":\"ok\"\n").unwrap_err();
    assert!(broken.to_string().starts_with("1:"), "{broken}");
}

#[test]
fn a_history_written_as_one_vector_or_list_with_maps_across_lines_reads_the_same() {
    let lines = "{:process 0, :type :invoke, :f :write, :value 1}\n\
                 {:process 0,\n  :type :ok, :f :write, :value 1}\n";
    let plain = history(lines);
    assert_eq!(plain.ops.len(), 1);
    assert_eq!(history(&format!("[{lines}]")), plain);
    assert_eq!(history(&format!("({lines})\n")), plain);
    assert_eq!(
        unreadable(&format!("[{lines}")),
        "1:1: the history's `[` is never closed: a `]` must end the file"
    );
    // Lines and columns stay true inside the brackets.
    assert_eq!(
        unreadable("[{:process 0 :type :invoke :f :read}\n {:process 1 :type :ok :f :read}]"),
        "2:2: process 1 completes an operation it never invoked"
    );
}

/// The online check, fed one event at a time, agrees after every
/// completion with a search of the whole history so far.
#[test]
fn the_online_check_agrees_with_the_whole_search_at_every_completion() {
    let (mut closed, mut wrong) = (0, 0);
    for seed in 0..2000 {
        let mut rng = SimRng::new(seed);
        let cas = seed % 2 == 0;
        let mut builder = Builder::default();
        let mut online = Online::default();
        for event in random_events(&mut rng, 14) {
            if !cas && event.func == Func::Cas {
                continue;
            }
            let invoke = event.kind == EventKind::Invoke;
            let Ok(op) = builder.push(event) else {
                continue;
            };
            let history = builder.history();
            if invoke {
                online.invoked(history, op);
                continue;
            }
            let judged = online.completed(history, op, Limits::default());
            let whole = check(history, Model::Register, Limits::default());
            let expected = match whole {
                Verdict::Linearizable { .. } => Judged::Linearizable,
                Verdict::NotLinearizable(_) => Judged::NotLinearizable,
                Verdict::Unknown { .. } => Judged::Unknown,
            };
            assert_eq!(judged, expected, "seed {seed}, after op {op}: {history:#?}");
            if judged == Judged::NotLinearizable {
                wrong += 1;
                break;
            }
        }
        closed += online.closed();
    }
    assert!(wrong > 300, "only {wrong} histories went wrong");
    assert!(closed > 1000, "windows closed only {closed} times");
}
