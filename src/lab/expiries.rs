//! Redis's side of the story: the moment it lets the lock's key expire,
//! heard through its keyspace notifications.

use std::sync::mpsc::{channel, Sender};
use std::thread;

use super::clock::Epoch;
use super::error::LabError;
use super::{LabEvent, LabKind, Who};

/// Subscribes to Redis's expiry notifications before any client starts,
/// and reports each expiry of the lock's key. The listener ends when the
/// server goes.
pub fn listen_for_expiries(
    url: &str,
    epoch: Epoch,
    sender: Sender<LabEvent>,
) -> Result<(), LabError> {
    let mut connection = redis::Client::open(url)?.get_connection()?;
    let (ready, subscribed) = channel();
    thread::spawn(move || {
        let mut pubsub = connection.as_pubsub();
        let ok = pubsub.subscribe("__keyevent@0__:expired").is_ok();
        let _ = ready.send(ok);
        while let Ok(message) = pubsub.get_message() {
            let key: String = message.get_payload().unwrap_or_default();
            if key == super::client::LOCK_KEY {
                let event = LabEvent {
                    at_us: epoch.since_us(),
                    who: Who::Redis,
                    kind: LabKind::Expired,
                };
                if sender.send(event).is_err() {
                    return;
                }
            }
        }
    });
    match subscribed.recv() {
        Ok(true) => Ok(()),
        _ => Err(LabError::Start(
            "cannot subscribe to expiry notifications".into(),
        )),
    }
}
