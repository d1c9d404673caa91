//! Following a payment from the page: when to poll again, when to send the
//! customer to 3-D Secure, when to stop. Pure: the glue does the fetching,
//! the timing and the DOM.
//!
//! Polls every `interval_ms` while the state changes, backing off (×2, up
//! to 8×) while it does not, and the same after a failed poll. The
//! redirect is performed once, the first time the state is
//! `action_required`. It ends at the first final state.

use crate::view::{PaymentState, PaymentView};

/// Defaults of `followPayment`.
pub const DEFAULT_INTERVAL_MS: u64 = 1_000;
pub const DEFAULT_TIMEOUT_MS: u64 = 600_000;
const MAX_BACKOFF: u64 = 8;

/// What to do after a poll.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Show the view (if any), redirect if asked, poll again after `delay_ms`.
    Wait { delay_ms: u64, redirect: bool },
    /// A final state: resolve.
    Done,
}

/// The follower's memory between polls.
#[derive(Debug, Clone)]
pub struct Follower {
    interval_ms: u64,
    delay_ms: u64,
    last: Option<(PaymentState, Option<String>)>,
    redirected: bool,
    auto_redirect: bool,
}

impl Follower {
    pub fn new(interval_ms: u64, auto_redirect: bool) -> Follower {
        let interval_ms = interval_ms.max(1);
        Follower {
            interval_ms,
            delay_ms: interval_ms,
            last: None,
            redirected: false,
            auto_redirect,
        }
    }

    fn back_off(&mut self) -> u64 {
        let d = self.delay_ms;
        self.delay_ms = (self.delay_ms * 2).min(self.interval_ms * MAX_BACKOFF);
        d
    }

    /// A view arrived.
    pub fn on_view(&mut self, view: &PaymentView) -> Step {
        if view.is_final || view.state.is_final() {
            return Step::Done;
        }
        let now = (view.state.clone(), view.updated_at.clone());
        if self.last.as_ref() != Some(&now) {
            self.delay_ms = self.interval_ms;
            self.last = Some(now);
        }
        let redirect = self.auto_redirect
            && !self.redirected
            && view.state == PaymentState::ActionRequired
            && view.redirect.is_some();
        self.redirected |= redirect;
        Step::Wait {
            delay_ms: self.back_off(),
            redirect,
        }
    }

    /// A poll failed (network, non-200, bad JSON): keep going, more slowly.
    pub fn on_failure(&mut self) -> u64 {
        self.back_off()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(state: PaymentState, updated: &str) -> PaymentView {
        PaymentView {
            session_id: "ps_1".into(),
            is_final: state.is_final(),
            state,
            amount: None,
            currency: None,
            card: None,
            redirect: Some(crate::model::Redirect {
                url: "https://acs.test".into(),
                base_url: None,
                method: crate::model::RedirectMethod::Get,
                qs: Default::default(),
                params: Default::default(),
            }),
            updated_at: Some(updated.into()),
            metadata: None,
        }
    }

    #[test]
    fn backs_off_while_unchanged_and_resets_on_change() {
        let mut f = Follower::new(100, true);
        let p = view(PaymentState::Processing, "t1");
        let delays: Vec<_> = (0..6)
            .map(|_| match f.on_view(&p) {
                Step::Wait { delay_ms, .. } => delay_ms,
                Step::Done => 0,
            })
            .collect();
        assert_eq!(delays, [100, 200, 400, 800, 800, 800]);
        assert_eq!(f.on_failure(), 800);
        let changed = view(PaymentState::Processing, "t2");
        assert_eq!(
            f.on_view(&changed),
            Step::Wait {
                delay_ms: 100,
                redirect: false
            }
        );
    }

    #[test]
    fn redirects_once_and_stops_at_a_final_state() {
        let mut f = Follower::new(100, true);
        let action = view(PaymentState::ActionRequired, "t1");
        assert_eq!(
            f.on_view(&action),
            Step::Wait {
                delay_ms: 100,
                redirect: true
            }
        );
        assert_eq!(
            f.on_view(&action),
            Step::Wait {
                delay_ms: 200,
                redirect: false
            }
        );
        assert_eq!(f.on_view(&view(PaymentState::Succeeded, "t2")), Step::Done);
        let mut manual = Follower::new(100, false);
        assert_eq!(
            manual.on_view(&action),
            Step::Wait {
                delay_ms: 100,
                redirect: false
            }
        );
    }
}
