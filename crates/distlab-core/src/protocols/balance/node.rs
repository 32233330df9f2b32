//! The members of a dispatch cluster as one actor type: the generator,
//! the balancer and the servers, each handling what concerns it.

use std::sync::Arc;

use super::balancer::LoadBalancer;
use super::checker::Conservation;
use super::generator::Generator;
use super::members::{label, server_index, BalanceAlias};
use super::messages::{BalanceMsg, BalanceObs, BalanceTimer};
use super::notes::BalanceNote;
use super::server::{Job, Server};
use super::spec::{Algorithm, BalanceSpec, ServerSpec};
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
    /// Starts a spare slot as a server of these settings.
    AddServer(ServerSpec),
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

/// A fresh cluster's members: LG, LB, the servers, then the spare slots.
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
    nodes.extend((0..spec.spares).map(|_| BalanceNode::Server(Server::spare())));
    nodes
}

impl Actor for BalanceNode {
    type Msg = BalanceMsg;
    type Timer = BalanceTimer;
    type Request = BalanceCommand;
    type Obs = BalanceObs;
    type Note = BalanceNote;
    type Checker = Conservation;
    type Alias = BalanceAlias;

    fn on_start(&mut self, ctx: &mut Ctx) {
        match self {
            BalanceNode::Generator(g) => g.schedule(ctx),
            BalanceNode::Balancer(b) => b.start(ctx),
            BalanceNode::Server(s) => s.announce(ctx),
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
            (BalanceNode::Server(s), BalanceMsg::Probe) => s.probed(ctx, from),
            (BalanceNode::Server(s), BalanceMsg::Welcome) => s.welcome(ctx),
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
            (BalanceNode::Server(s), BalanceTimer::Announce) => s.ask_again(ctx),
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx, request: BalanceCommand) {
        match (self, request) {
            (BalanceNode::Generator(g), BalanceCommand::SetRate(r)) => g.set_rate(ctx, r),
            (BalanceNode::Balancer(b), BalanceCommand::SetAlgorithm(a)) => b.set_algorithm(ctx, a),
            (BalanceNode::Balancer(b), BalanceCommand::RemoveServer(i)) => b.remove_server(ctx, i),
            (BalanceNode::Server(s), BalanceCommand::AddServer(spec)) if !s.started => {
                s.start(ctx, spec)
            }
            (BalanceNode::Server(s), BalanceCommand::SlowDown(f)) if s.started => {
                s.slow_down(ctx, f)
            }
            (BalanceNode::Server(s), BalanceCommand::FailFast(on)) if s.started => {
                s.set_fail_fast(ctx, on)
            }
            (_, command) => ctx.turn_away(BalanceNote::NotForMe {
                me: ctx.me(),
                command,
            }),
        }
    }

    fn on_crash(&mut self) {
        match self {
            BalanceNode::Generator(_) => {}
            BalanceNode::Balancer(b) => b.crash(),
            BalanceNode::Server(s) => s.crash(),
        }
    }

    fn resolve_alias(nodes: &[Self], _: &[NodeStatus], role: BalanceAlias) -> Option<NodeId> {
        match role {
            BalanceAlias::Spare => NodeId::all(nodes.len()).find(|&id| {
                server_index(id).is_some() && nodes[id.index()].server().is_some_and(|s| !s.started)
            }),
            role => role.node(nodes.len().saturating_sub(2)),
        }
    }

    fn label(_: &[Self], id: NodeId) -> String {
        label(id)
    }
}
