//! Following a payment from the page: when to poll again, how long a poll
//! may take, when to send the customer to 3-D Secure, when to stop. Pure:
//! the package's JavaScript fetches and waits, the glue touches the DOM.
//!
//! Polls every `interval_ms` while the state changes, backing off (×2, up
//! to 8×) while it does not, and the same after a failed poll. The
//! redirect is performed once, the first time the state is
//! `action_required`. It ends at the first final state, or with `timeout`.

use crate::error::Error;
use crate::limits::{range_rule, FOLLOW_MAX_MS, MAX_STATUS_URL_BYTES, POLL_MAX_MS};
use crate::prelude::*;
use crate::redirect::RedirectOptions;
use crate::tree::{Kind, Node, Path, Reader};
use crate::view::{PaymentState, PaymentView};

/// Defaults of `followPayment`.
pub const DEFAULT_INTERVAL_MS: u64 = 1_000;
pub const DEFAULT_TIMEOUT_MS: u64 = 600_000;

/// The status URL to poll: a non-empty string of at most
/// [`MAX_STATUS_URL_BYTES`] (the platform resolves it against the page).
pub fn status_url(url: Option<String>) -> Result<String, Error> {
    url.filter(|u| !u.is_empty() && u.len() <= MAX_STATUS_URL_BYTES)
        .ok_or_else(|| Error::invalid("statusUrl", "must be a URL string"))
}
const MAX_BACKOFF: u64 = 8;

/// What to do after a poll.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Show the view (if any), redirect if asked, poll again after `delay_ms`.
    Wait { delay_ms: u64, redirect: bool },
    /// A final state: resolve.
    Done,
}

/// The options of `followPayment` (the status view's and the redirect's
/// share the object; see [`crate::view`] and [`RedirectOptions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FollowOptions {
    pub interval_ms: u64,
    pub timeout_ms: u64,
    pub auto_redirect: bool,
    pub redirect: RedirectOptions,
}

impl FollowOptions {
    pub fn read<N: Node>(opts: Option<&N>) -> Result<FollowOptions, Error> {
        let redirect = RedirectOptions::read(opts)?;
        let r = Reader::caller("opts");
        let path = Path::root("opts");
        let ms = |key: &str, default: u64| -> Result<u64, Error> {
            let Some(opts) = opts else { return Ok(default) };
            let Some(v) = r.child(opts, &path, key)? else {
                return Ok(default);
            };
            match v.safe_integer() {
                crate::tree::IntegerRead::Ok(n) if (1..=FOLLOW_MAX_MS).contains(&n) => Ok(n),
                _ => {
                    let rule = range_rule("a whole number of milliseconds", 1, FOLLOW_MAX_MS);
                    Err(r.error(Some(&v), &path.key(key), &rule))
                }
            }
        };
        let auto_redirect = match opts
            .map(|o| r.child(o, &path, "autoRedirect"))
            .transpose()?
            .flatten()
        {
            None => true,
            Some(v) if v.kind() == Kind::Bool => v.boolean().unwrap_or(true),
            Some(v) => {
                return Err(r.error(Some(&v), &path.key("autoRedirect"), "must be a boolean"))
            }
        };
        Ok(FollowOptions {
            interval_ms: ms("intervalMs", DEFAULT_INTERVAL_MS)?,
            timeout_ms: ms("timeoutMs", DEFAULT_TIMEOUT_MS)?,
            auto_redirect,
            redirect,
        })
    }
}

/// The follower's memory between polls.
#[derive(Debug, Clone)]
pub struct Follower {
    interval_ms: u64,
    timeout_ms: u64,
    delay_ms: u64,
    last: Option<(PaymentState, Option<String>)>,
    redirected: bool,
    auto_redirect: bool,
}

impl Follower {
    pub fn new(opts: &FollowOptions) -> Follower {
        let interval_ms = opts.interval_ms.max(1);
        Follower {
            interval_ms,
            timeout_ms: opts.timeout_ms,
            delay_ms: interval_ms,
            last: None,
            redirected: false,
            auto_redirect: opts.auto_redirect,
        }
    }

    fn back_off(&mut self) -> u64 {
        let d = self.delay_ms;
        self.delay_ms = (self.delay_ms * 2).min(self.interval_ms * MAX_BACKOFF);
        d
    }

    /// How long the next poll may take, `elapsed_ms` after the start:
    /// what is left of the timeout, between 1 ms and 30 s.
    pub fn poll_timeout_ms(&self, elapsed_ms: u64) -> u64 {
        self.timeout_ms
            .saturating_sub(elapsed_ms)
            .clamp(1, POLL_MAX_MS)
    }

    /// The wait before the next poll, cut to the time left, or `timeout`.
    fn within(&self, delay_ms: u64, elapsed_ms: u64) -> Result<u64, Error> {
        if elapsed_ms >= self.timeout_ms {
            return Err(Error::Timeout);
        }
        Ok(delay_ms.min(self.timeout_ms - elapsed_ms))
    }

    /// A view arrived, `elapsed_ms` after the start.
    pub fn on_view(&mut self, view: &PaymentView, elapsed_ms: u64) -> Result<Step, Error> {
        if view.is_final || view.state.is_final() {
            return Ok(Step::Done);
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
        let delay = self.back_off();
        Ok(Step::Wait {
            delay_ms: self.within(delay, elapsed_ms)?,
            redirect,
        })
    }

    /// A poll failed (network, non-200, bad JSON): keep going, more slowly.
    pub fn on_failure(&mut self, elapsed_ms: u64) -> Result<u64, Error> {
        let delay = self.back_off();
        self.within(delay, elapsed_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::OperationKind;

    #[test]
    fn status_urls() {
        assert_eq!(
            status_url(Some("/api/orders/1".into())).unwrap(),
            "/api/orders/1"
        );
        for bad in [
            None,
            Some(String::new()),
            Some("x".repeat(MAX_STATUS_URL_BYTES + 1)),
        ] {
            assert!(
                matches!(status_url(bad), Err(Error::InvalidParams { field, .. }) if field == "statusUrl")
            );
        }
    }

    fn view(state: PaymentState, updated: &str) -> PaymentView {
        PaymentView {
            session_id: "ps_1".into(),
            kind: OperationKind::Payment,
            is_final: state.is_final(),
            state,
            amount: None,
            currency: None,
            card: None,
            refunded_amount: 0,
            chargeback: false,
            failure: None,
            redirect: Some(crate::model::Redirect {
                url: "https://acs.test".into(),
                base_url: None,
                method: crate::model::RedirectMethod::Get,
                qs: Default::default(),
                params: Default::default(),
            }),
            qr: None,
            updated_at: Some(updated.into()),
        }
    }

    fn follower(interval_ms: u64, auto_redirect: bool) -> Follower {
        Follower::new(&FollowOptions {
            interval_ms,
            timeout_ms: 10_000,
            auto_redirect,
            redirect: RedirectOptions::read::<crate::json::Value>(None).unwrap(),
        })
    }

    #[test]
    fn backs_off_while_unchanged_and_resets_on_change() {
        let mut f = follower(100, true);
        let p = view(PaymentState::Processing, "t1");
        let delays: Vec<_> = (0..6)
            .map(|_| match f.on_view(&p, 0).unwrap() {
                Step::Wait { delay_ms, .. } => delay_ms,
                Step::Done => 0,
            })
            .collect();
        assert_eq!(delays, [100, 200, 400, 800, 800, 800]);
        assert_eq!(f.on_failure(0), Ok(800));
        let changed = view(PaymentState::Processing, "t2");
        assert_eq!(
            f.on_view(&changed, 0),
            Ok(Step::Wait {
                delay_ms: 100,
                redirect: false
            })
        );
    }

    #[test]
    fn redirects_once_and_stops_at_a_final_state() {
        let mut f = follower(100, true);
        let action = view(PaymentState::ActionRequired, "t1");
        assert_eq!(
            f.on_view(&action, 0),
            Ok(Step::Wait {
                delay_ms: 100,
                redirect: true
            })
        );
        assert_eq!(
            f.on_view(&action, 0),
            Ok(Step::Wait {
                delay_ms: 200,
                redirect: false
            })
        );
        assert_eq!(
            f.on_view(&view(PaymentState::Succeeded, "t2"), 0),
            Ok(Step::Done)
        );
        assert_eq!(
            f.on_view(&view(PaymentState::PartiallyRefunded, "t3"), 0),
            Ok(Step::Done)
        );
        let mut manual = follower(100, false);
        assert_eq!(
            manual.on_view(&action, 0),
            Ok(Step::Wait {
                delay_ms: 100,
                redirect: false
            })
        );
    }

    #[test]
    fn time_is_bounded() {
        let mut f = follower(1000, true);
        let p = view(PaymentState::Processing, "t1");
        assert_eq!(
            f.on_view(&p, 9_500),
            Ok(Step::Wait {
                delay_ms: 500,
                redirect: false
            })
        );
        assert_eq!(f.on_view(&p, 10_000), Err(Error::Timeout));
        assert_eq!(f.on_failure(10_001), Err(Error::Timeout));
        assert_eq!(f.poll_timeout_ms(0), 10_000);
        assert_eq!(f.poll_timeout_ms(9_999), 1);
        assert_eq!(f.poll_timeout_ms(20_000), 1);
        let long = Follower::new(&FollowOptions {
            interval_ms: 1,
            timeout_ms: FOLLOW_MAX_MS,
            auto_redirect: true,
            redirect: RedirectOptions::read::<crate::json::Value>(None).unwrap(),
        });
        assert_eq!(long.poll_timeout_ms(0), POLL_MAX_MS);
    }

    #[test]
    fn options() {
        let read = |t: &str| {
            let doc = crate::json::parse(t.as_bytes()).unwrap();
            FollowOptions::read(Some(&doc.root()))
        };
        let o = read(r#"{"intervalMs":40,"timeoutMs":300,"autoRedirect":false,"target":"acs-frame","labels":{}}"#).unwrap();
        assert_eq!(
            (o.interval_ms, o.timeout_ms, o.auto_redirect),
            (40, 300, false)
        );
        assert_eq!(o.redirect.target.as_str(), "acs-frame");
        for (bad, field) in [
            (r#"{"intervalMs":0}"#, "opts.intervalMs"),
            (r#"{"timeoutMs":1.5}"#, "opts.timeoutMs"),
            (r#"{"autoRedirect":"yes"}"#, "opts.autoRedirect"),
            (r#"{"target":""}"#, "opts.target"),
        ] {
            match read(bad) {
                Err(Error::InvalidParams { field: f, .. }) => assert_eq!(f, field, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
