//! The clients view: the history of the cluster's client processes, as
//! the run (and every rewind of it) leaves it, while the view is shown.

use super::{App, View};
use crate::app::{HistoryView, Settings};
use crate::protocols::Family;

impl<F: Family> App<F> {
    /// The clients' history as the clients view draws it, while it does.
    pub fn clients_view(&self) -> Option<&HistoryView> {
        self.clients_view.as_ref()
    }

    /// Whether the cluster has client processes to show the history of.
    pub(super) fn has_clients(&self) -> bool {
        F::client_history(&self.sim).is_some()
    }

    /// Brings the clients view up to date with the run: checked again
    /// only when the history changed, or the language did.
    pub(super) fn refresh_clients_view(&mut self) {
        let history = F::client_history(&self.sim).filter(|_| self.view == View::Clients);
        let Some(history) = history else {
            self.clients_view = None;
            return;
        };
        let lang = self.lang();
        let current = self
            .clients_view
            .as_ref()
            .is_some_and(|v| v.history == *history && v.settings.lang == lang);
        if current {
            return;
        }
        let labels = self.sim.labels();
        let clients: Vec<&str> = (0..self.sim.cluster_size())
            .map(|i| labels.get(crate::sim::NodeId(i as u8)))
            .filter(|label| label.starts_with('C'))
            .collect();
        let settings = Settings {
            theme: self.theme.clone(),
            lang,
            ..Settings::defaults()
        };
        self.clients_view = Some(HistoryView::live(
            clients.join(" "),
            history.clone(),
            settings,
        ));
    }
}
