//! Tracing setup: text or JSON logs, filtered by `RUST_LOG` (default `info`).

use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber. Safe to call once per process.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    let result = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second init (e.g. in tests) is harmless.
    let _ = result;
}
