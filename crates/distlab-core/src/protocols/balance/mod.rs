//! Request dispatch: a load generator LG, a balancer LB and servers
//! S1…Sn of unequal speed. The balancer's algorithms follow their sources
//! (nginx's smooth weighted round robin and least_conn, Envoy's EDF
//! scheduler, ring hash and outlier detection, Finagle's peak EWMA, the
//! power of two choices); every request ends exactly once, which the
//! conservation check watches after every event.

mod algo;
mod balancer;
mod checker;
mod family;
mod generator;
mod goals;
mod hash;
mod measures;
mod members;
mod messages;
mod metrics;
mod node;
mod notes;
mod pool;
mod reqmap;
mod server;
mod spec;

#[cfg(test)]
mod algo_tests;

pub use algo::{members_of, Peer, Pick, Picker, Why};
pub use balancer::{LastPick, LoadBalancer, Tally, RECENT};
pub use checker::{Conservation, CONSERVATION, INVARIANTS};
pub use family::{BalanceSummary, Balancer};
pub use generator::Generator;
pub use goals::{BalanceCondition, BalanceFacts};
pub use hash::{modulo, Ring};
pub use members::{label, server_index, server_node, BalanceAlias, BALANCER, GENERATOR};
pub use messages::{BalanceMsg, BalanceObs, BalanceTimer, Reason, ReqId};
pub use metrics::{Latencies, Percentiles, Rate};
pub use node::{members, BalanceCommand, BalanceNode};
pub use notes::{algorithm_name, reason_text, ring_share, BalanceNote, End, PickNote};
pub use pool::PeerState;
pub use server::Server;
pub use spec::{
    Algorithm, Arrivals, BalanceRequest, BalanceSpec, Bug, HealthSpec, LoadSpec, OutlierSpec,
    RetrySpec, RingSpec, ServerSpec, MAX_SERVERS,
};
