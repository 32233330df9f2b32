//! The members of a dispatch cluster as one actor type: the generator,
//! the balancer and the servers, each handling what concerns it.

use std::sync::Arc;

use super::balancer::LoadBalancer;
use super::checker::Conservation;
use super::generator::Generator;
use super::messages::{BalanceMsg, BalanceObs, BalanceTimer};
use super::role::{label, BalanceRole};
use super::server::{Job, Server};
use super::spec::{Algorithm, BalanceSpec};
use crate::sim::{Actor, NodeId, NodeStatus};

/// A handler's context in this family.
pub type Ctx<'a> = crate::sim::Ctx<'a, BalanceNode>;

#[derive(Clone, Debug, PartialEq)]
pub enum BalanceNode {
    Generator(Generator),
    Balancer(Box<LoadBalancer>),
    Server(Server),
}

/// What a person or a script asks of a member.
#[derive(Clone, Debug, PartialEq)]
pub enum BalanceCommand {
    SetRate(u32),
    SetAlgorithm(Algorithm),
    SlowDown(f64),
    FailFast(bool),
    AddServer(u32),
    /// Server index, 0-based.
    RemoveServer(usize),
}

impl BalanceNode {
    pub fn balancer(&self) -> Option<&LoadBalancer> {
        match self {
            BalanceNode::Balancer(b) => Some(b),
            _ => None,
        }
    }

    pub fn server(&self) -> Option<&Server> {
        match self {
            BalanceNode::Server(s) => Some(s),
            _ => None,
        }
    }

    pub fn generator(&self) -> Option<&Generator> {
        match self {
            BalanceNode::Generator(g) => Some(g),
            _ => None,
        }
    }
}

/// A fresh cluster's members: LG, LB, then the servers.
pub fn members(spec: &BalanceSpec) -> Vec<BalanceNode> {
    let cfg = Arc::new(spec.clone());
    let mut nodes = vec![
        BalanceNode::Generator(Generator::new(cfg.clone())),
        BalanceNode::Balancer(Box::new(LoadBalancer::new(cfg))),
    ];
    nodes.extend(
        spec.servers
            .iter()
            .map(|s| BalanceNode::Server(Server::new(*s))),
    );
    nodes
}

impl Actor for BalanceNode {
    type Msg = BalanceMsg;
    type Timer = BalanceTimer;
    type Request = BalanceCommand;
    type Obs = BalanceObs;
    type Note = crate::sim::Untranslated;
    type Checker = Conservation;
    type Role = BalanceRole;

    fn on_start(&mut self, ctx: &mut Ctx) {
        match self {
            BalanceNode::Generator(g) => g.schedule(ctx),
            BalanceNode::Balancer(b) => b.start(ctx),
            BalanceNode::Server(_) => {}
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx, from: NodeId, msg: BalanceMsg) {
        match (self, msg) {
            (BalanceNode::Balancer(b), msg) => b.on_message(ctx, from, msg),
            (
                BalanceNode::Server(s),
                BalanceMsg::Work {
                    req,
                    key,
                    cost_us,
                    attempt,
                },
            ) => s.work(
                ctx,
                Job {
                    req,
                    key,
                    cost_us,
                    attempt,
                },
            ),
            (BalanceNode::Server(s), BalanceMsg::Probe) => {
                let healthy = !s.fail_fast;
                ctx.send(from, BalanceMsg::ProbeReply { healthy });
            }
            _ => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx, timer: BalanceTimer) {
        match (self, timer) {
            (BalanceNode::Generator(g), BalanceTimer::Arrival) => g.arrive(ctx),
            (BalanceNode::Balancer(b), timer) => b.on_timer(ctx, timer),
            (BalanceNode::Server(s), BalanceTimer::Done { req, attempt }) => {
                s.done(ctx, req, attempt)
            }
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx, request: BalanceCommand) {
        let me = ctx.label(ctx.me());
        match (self, request) {
            (BalanceNode::Generator(g), BalanceCommand::SetRate(r)) => g.set_rate(ctx, r),
            (BalanceNode::Balancer(b), BalanceCommand::SetAlgorithm(a)) => b.set_algorithm(ctx, a),
            (BalanceNode::Balancer(b), BalanceCommand::AddServer(w)) => b.add_server(ctx, w),
            (BalanceNode::Balancer(b), BalanceCommand::RemoveServer(i)) => b.remove_server(ctx, i),
            (BalanceNode::Server(s), BalanceCommand::SlowDown(f)) => {
                s.slow = f.max(0.01);
                ctx.explain(format_args!("{me} now takes {f}× as long for its work"));
            }
            (BalanceNode::Server(s), BalanceCommand::FailFast(on)) => {
                s.fail_fast = on;
                match on {
                    true => ctx.explain(format_args!(
                        "{me} now answers every request with an error at once"
                    )),
                    false => ctx.explain(format_args!("{me} serves requests properly again")),
                }
            }
            (_, request) => ctx.explain(format_args!("{me} has nothing to do with {request:?}")),
        }
    }

    fn on_crash(&mut self) {
        match self {
            BalanceNode::Generator(_) => {}
            BalanceNode::Balancer(b) => b.crash(),
            BalanceNode::Server(s) => s.crash(),
        }
    }

    fn on_restart(&mut self, ctx: &mut Ctx) {
        self.on_start(ctx);
    }

    fn resolve_role(nodes: &[Self], _: &[NodeStatus], role: BalanceRole) -> Option<NodeId> {
        role.node(nodes.len().saturating_sub(2))
    }

    fn label(_: &[Self], id: NodeId) -> String {
        label(id)
    }
}
