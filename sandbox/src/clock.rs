//! The sandbox's clock. Real time by default; `--clock manual` freezes it
//! at the start so that only `POST /sandbox/clock` moves it. Either way an
//! advance fires what became due: the confirmation and 3-D Secure timeouts
//! (the engine's `tick`) and the webhook redeliveries waiting on
//! [`Clock::sleep_until`].

use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Notify;

/// `--clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    Real,
    Manual,
}

pub struct Clock {
    mode: ClockMode,
    /// Manual: the frozen start. Real: unused.
    start_ms: u64,
    /// What `POST /sandbox/clock` added.
    offset_ms: AtomicU64,
    advanced: Notify,
}

/// The platform's time: the system's natively; in WebAssembly the host's
/// (JavaScript's `Date.now()`).
fn system_ms() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
}

/// The longest a single advance may move the clock (a year).
pub const MAX_ADVANCE_MS: u64 = 366 * 24 * 3_600_000;

impl Clock {
    pub fn new(mode: ClockMode) -> Clock {
        Clock {
            mode,
            start_ms: system_ms(),
            offset_ms: AtomicU64::new(0),
            advanced: Notify::new(),
        }
    }

    pub fn mode(&self) -> ClockMode {
        self.mode
    }

    /// Milliseconds since the Unix epoch, on this clock.
    pub fn now_ms(&self) -> u64 {
        let base = match self.mode {
            ClockMode::Real => system_ms(),
            ClockMode::Manual => self.start_ms,
        };
        base.saturating_add(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Moves the clock forward and wakes whatever waits on it.
    pub fn advance(&self, ms: u64) {
        let ms = ms.min(MAX_ADVANCE_MS);
        let _ = self
            .offset_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |o| {
                Some(o.saturating_add(ms))
            });
        self.advanced.notify_waiters();
    }

    /// Waits until the clock reads `due_ms` or later: real time passing, or
    /// an advance.
    #[cfg(feature = "native")]
    pub async fn sleep_until(&self, due_ms: u64) {
        loop {
            let woken = self.advanced.notified();
            let now = self.now_ms();
            if now >= due_ms {
                return;
            }
            match self.mode {
                ClockMode::Manual => woken.await,
                ClockMode::Real => {
                    let wait = std::time::Duration::from_millis(due_ms - now);
                    tokio::select! {
                        _ = woken => {}
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_manual_clock_moves_only_when_advanced() {
        let clock = std::sync::Arc::new(Clock::new(ClockMode::Manual));
        let t0 = clock.now_ms();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(clock.now_ms(), t0);
        let waiter = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.sleep_until(t0 + 60_000).await })
        };
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(!waiter.is_finished());
        clock.advance(30_000);
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(!waiter.is_finished());
        clock.advance(30_000);
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(clock.now_ms(), t0 + 60_000);
        clock.advance(u64::MAX);
        assert_eq!(clock.now_ms(), t0 + 60_000 + MAX_ADVANCE_MS);
    }

    #[tokio::test]
    async fn a_real_clock_can_be_moved_on() {
        let clock = Clock::new(ClockMode::Real);
        let t0 = clock.now_ms();
        clock.advance(3_600_000);
        assert!(clock.now_ms() >= t0 + 3_600_000);
        clock.sleep_until(t0 + 3_600_000).await;
    }
}
