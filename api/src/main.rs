//! The `samrad` binary: read config, start telemetry, run the chosen command.

use std::process::ExitCode;

use clap::Parser;
use samrad::{
    app,
    config::{Cli, Command},
    db, graphql, seed, telemetry,
};

/// mimalloc instead of the system allocator: a GraphQL request allocates many small
/// objects across threads, which glibc's malloc served with about a quarter of the
/// server's CPU time in the benchmark (tests/BENCHMARK.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.config.log_json);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = ?err, "samrad stopped with an error");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Migrate => {
            let conn = db::connect(&config.database_url()).await?;
            db::migrate(&conn).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed { demo } => {
            anyhow::ensure!(demo, "only the demo data set exists: run `samrad seed --demo`");
            let conn = db::connect(&config.database_url()).await?;
            db::migrate(&conn).await?;
            let hasher =
                samrad::auth::password::PasswordHasher::new(config.auth_settings().password_cost)?;
            if seed::seed_demo(&conn, &hasher).await? {
                seed::print_demo_logins();
                Ok(())
            } else {
                anyhow::bail!(
                    "the database already holds data; demo data is only loaded into an empty database"
                )
            }
        }
        Command::Serve { demo } => {
            let mut options = app::AppOptions::from_config(&config)?;
            options.dev_tools |= demo;
            let options_dev_tools = options.dev_tools;
            let app = app::build(options).await?;
            if demo && seed::seed_demo(&app.state.server.db, &app.state.server.auth.hasher).await? {
                tracing::info!("empty database filled with demo data");
            }
            if demo {
                seed::print_demo_logins();
            }
            samrad::workers::spawn(
                app.state.server.db.clone(),
                app.state.server.live.clone(),
                config.worker_settings(),
            )?;
            let listener = tokio::net::TcpListener::bind(config.listen).await?;
            if options_dev_tools {
                tracing::info!(address = %listener.local_addr()?, "Samråd is listening; GraphiQL at /graphql");
            } else {
                tracing::info!(address = %listener.local_addr()?, "Samråd is listening");
            }
            app::serve(app, listener).await
        }
    }
}
