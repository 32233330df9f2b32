//! A Redis server holding the lock key: `SET lock value NX PX ttl`,
//! compare-and-delete, and key expiry on the server's own clock (which may
//! drift or jump). A Redlock master is the same server without the
//! fencing counter.

use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::spec::{LockSpec, Mode, Service};
use super::LockNode;
use crate::sim::{ms, Ctx, NodeId, SimTime};

#[derive(Clone, Debug)]
pub struct Redis {
    /// Its number among the servers, from 1.
    pub index: u8,
    pub key: Option<Key>,
    /// The `INCR` counter beside the key that hands out fencing tokens.
    pub counter: u64,
}

/// The lock key as the server stores it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    pub client: NodeId,
    pub value: u64,
    pub token: Option<u64>,
    /// When it expires on the server's clock; `None` never (Naive).
    pub expires_at: Option<SimTime>,
}

/// The settings a Redis-like server follows.
struct Rules {
    naive: bool,
    ttl: u64,
    counts_tokens: bool,
    persist: bool,
}

fn rules(spec: &LockSpec) -> Rules {
    match &spec.service {
        Service::Redis(r) => Rules {
            naive: r.mode == Mode::Naive,
            ttl: ms(r.ttl_ms),
            counts_tokens: spec.fencing,
            persist: r.persist,
        },
        Service::Redlock(r) => Rules {
            naive: false,
            ttl: ms(r.ttl_ms),
            counts_tokens: false,
            persist: true,
        },
        Service::ZooKeeper(_) => unreachable!("a ZooKeeper service runs no Redis server"),
    }
}

impl Redis {
    pub fn new(index: u8) -> Redis {
        Redis {
            index,
            key: None,
            counter: 0,
        }
    }

    /// Deletes the key if its time to live has run out on this clock.
    fn expire_if_due(&mut self, ctx: &mut Ctx<LockNode>) {
        let Some(key) = self.key else { return };
        if key.expires_at.is_some_and(|t| ctx.local_now() >= t) {
            self.key = None;
            ctx.explain(LockNote::KeyExpires {
                me: ctx.me(),
                clock: ctx.local_now(),
                client: key.client,
            });
            ctx.observe(LockObs::Expire {
                server: self.index,
                by: ctx.me(),
                client: key.client,
                token: key.token,
            });
        }
    }

    pub fn on_message(
        &mut self,
        spec: &LockSpec,
        ctx: &mut Ctx<LockNode>,
        from: NodeId,
        msg: LockMsg,
    ) {
        let r = rules(spec);
        self.expire_if_due(ctx);
        let me = ctx.me();
        match msg {
            LockMsg::Lock { req, value } => {
                if let (Some(key), false) = (self.key, r.naive) {
                    ctx.explain(LockNote::RedisRefuses {
                        me,
                        from,
                        holder: key.client,
                        until: key.expires_at,
                    });
                    ctx.send(from, LockMsg::LockRefused { req });
                    return;
                }
                let token = r.counts_tokens.then(|| {
                    self.counter += 1;
                    self.counter
                });
                let expires_at = (!r.naive).then(|| ctx.local_now() + r.ttl);
                match self.key {
                    Some(old) => ctx.explain(LockNote::Overwrites {
                        me,
                        old: old.client,
                        from,
                    }),
                    None => ctx.explain(LockNote::SetsKey {
                        me,
                        from,
                        token,
                        until: expires_at,
                    }),
                }
                self.key = Some(Key {
                    client: from,
                    value,
                    token,
                    expires_at,
                });
                if !r.naive {
                    ctx.set_timer(LockTimer::Expiry, r.ttl);
                }
                ctx.observe(LockObs::Grant {
                    server: self.index,
                    by: me,
                    client: from,
                    token,
                });
                ctx.send(from, LockMsg::LockOk { req, token });
            }
            LockMsg::Unlock { value } => match self.key {
                Some(key) if r.naive || key.value == value => {
                    self.key = None;
                    ctx.cancel_timer(LockTimer::Expiry);
                    if key.client == from {
                        ctx.explain(LockNote::DeletesKey { me, from });
                    } else {
                        ctx.explain(LockNote::DeletesOthersKey {
                            me,
                            from,
                            holder: key.client,
                        });
                    }
                }
                Some(key) => ctx.explain(LockNote::KeepsKey {
                    me,
                    from,
                    holder: key.client,
                }),
                None => ctx.explain(LockNote::NoKeyToDelete { me, from }),
            },
            _ => {}
        }
    }

    pub fn on_timer(&mut self, ctx: &mut Ctx<LockNode>) {
        self.expire_if_due(ctx);
        self.rearm(ctx);
    }

    /// Sets the expiry timer for what is left of the key's TTL; at least a
    /// millisecond, so that a fast clock's rounding cannot fire it again at
    /// the same instant.
    fn rearm(&self, ctx: &mut Ctx<LockNode>) {
        if let Some(t) = self.key.and_then(|k| k.expires_at) {
            ctx.set_timer(
                LockTimer::Expiry,
                t.saturating_sub(ctx.local_now()).max(ms(1)),
            );
        }
    }

    /// Without persistence the key and the counter live only in memory.
    pub fn on_crash(&mut self, spec: &LockSpec) {
        if !rules(spec).persist {
            self.key = None;
            self.counter = 0;
        }
    }

    pub fn on_restart(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        ctx.explain(LockNote::RedisRestarts {
            me: ctx.me(),
            persisted: rules(spec).persist,
        });
        self.expire_if_due(ctx);
        self.rearm(ctx);
    }
}
