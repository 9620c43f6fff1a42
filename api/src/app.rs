//! The HTTP application: state, router, the GraphQL endpoint and graceful shutdown.
//!
//! Rules kept here: mutations only over POST with a JSON content type (no GET, form or
//! `text/plain` posts, which a browser could send cross-site); bodies are size-limited
//! before parsing; batches are refused; every request has an id and a timeout.

use async_graphql::{http::GraphiQLSource, parser::types::OperationType};
use async_graphql_axum::GraphQLResponse;
use axum::{
    Router,
    body::Body,
    extract::{ConnectInfo, Path, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use sea_orm::DatabaseConnection;
use secrecy::SecretString;
use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    auth::{
        password::PasswordHasher,
        throttle::LoginThrottle,
        tokens::{self, TokenKeys},
    },
    config::{AuthSettings, Config},
    db,
    domain::{
        attachments, calendar,
        sessions::{self, AuthKit},
    },
    graphql::{self, AppSchema, ClientAddr, Loaders, RequestAuth, ServerData, guard},
};

/// How long one request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What it takes to build the application; tests fill this in themselves.
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub database_url: String,
    pub jwt_secret: SecretString,
    pub auth: AuthSettings,
    pub web_dir: Option<PathBuf>,
    pub max_body_bytes: usize,
    /// Log every SQL statement (`--log-sql`).
    pub log_sql: bool,
    /// GraphiQL, introspection and suggestions (`--dev-tools`, `serve --demo`).
    pub dev_tools: bool,
    /// What the web UI is told at `/config.json`.
    pub web: WebSettings,
}

/// Settings of the web UI that the server knows and the built UI cannot: served at
/// `/config.json`, read by the UI at start.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebSettings {
    /// The invitation form may offer to e-mail the receipt link (e-mail is set up).
    pub receipt_email: bool,
    /// Background tiles for maps (an XYZ address template); `None` draws no background.
    pub map_tiles: Option<String>,
    /// The tile service's attribution.
    pub map_attribution: Option<String>,
}

impl AppOptions {
    /// Options from the configuration; an unset JWT secret is generated once and kept
    /// in the data folder (development only, with a warning).
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        Ok(Self {
            database_url: config.database_url(),
            jwt_secret: resolve_jwt_secret(config)?,
            auth: config.auth_settings(),
            web_dir: Some(config.web_dir.clone()),
            max_body_bytes: config.max_body_bytes,
            log_sql: config.log_sql,
            dev_tools: config.dev_tools,
            web: config.web_settings(),
        })
    }
}

fn resolve_jwt_secret(config: &Config) -> anyhow::Result<SecretString> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.clone());
    }
    let path = config.data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        tracing::warn!(path = %path.display(), "SAMRAD_JWT_SECRET is not set; using the development secret from the data folder");
        return Ok(SecretString::from(existing.trim().to_owned()));
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let secret = tokens::generate_secret();
    write_private(&path, &secret)?;
    tracing::warn!(path = %path.display(), "SAMRAD_JWT_SECRET is not set; generated a development secret in the data folder. Set it in production.");
    Ok(SecretString::from(secret))
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub server: ServerData,
    pub trust_forwarded_for: bool,
    pub max_body_bytes: usize,
    /// GraphiQL, introspection and suggestions are served.
    pub dev_tools: bool,
    /// What `/config.json` tells the web UI.
    pub web: Arc<WebSettings>,
}

/// The built application.
pub struct App {
    pub state: AppState,
    pub router: Router,
}

/// Connects, migrates and builds the application.
pub async fn build(options: AppOptions) -> anyhow::Result<App> {
    let mut conn = db::connect(&options.database_url).await?;
    db::migrate(&conn).await?;
    if options.log_sql {
        db::log_statements(&mut conn);
    }
    build_with_db(conn, options)
}

/// Builds the application on an open, migrated connection.
pub fn build_with_db(conn: DatabaseConnection, options: AppOptions) -> anyhow::Result<App> {
    let auth = Arc::new(AuthKit {
        tokens: TokenKeys::new(&options.jwt_secret, &options.auth)?,
        hasher: PasswordHasher::new(options.auth.password_cost)?,
        throttle: LoginThrottle::new("login", options.auth.login_limits),
        invitation_throttle: LoginThrottle::new("invitation", options.auth.invitation_limits),
        receipt_throttle: LoginThrottle::new("receipt", options.auth.receipt_limits),
        settings: options.auth.clone(),
    });
    let live = crate::live::LiveBus::start(&conn);
    let server = ServerData { db: conn, auth, live };
    let mut builder = graphql::schema_builder().data(server.clone()).extension(guard::FieldBudget);
    if !options.dev_tools {
        builder = builder.disable_suggestions();
    }
    let schema = builder.finish();
    let state = AppState {
        schema,
        server,
        trust_forwarded_for: options.auth.trust_forwarded_for,
        max_body_bytes: options.max_body_bytes,
        dev_tools: options.dev_tools,
        web: Arc::new(options.web),
    };
    let router = router(state.clone(), options.web_dir);
    Ok(App { state, router })
}

/// The HTTP routes and middleware.
pub fn router(state: AppState, web_dir: Option<PathBuf>) -> Router {
    let max_body = state.max_body_bytes;
    let mut router = Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphql/ws", get(crate::websocket::upgrade))
        .route("/auth/login", axum::routing::post(crate::session_cookie::login))
        .route("/auth/refresh", axum::routing::post(crate::session_cookie::refresh))
        .route("/auth/logout", axum::routing::post(crate::session_cookie::logout))
        .route("/calendar/{file}", get(calendar_feed))
        .route("/attachments/{id}", get(attachment))
        .route("/config.json", get(web_config))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(state);
    router = match web_dir.filter(|dir| dir.join("index.html").is_file()) {
        Some(dir) => {
            let index = dir.join("index.html");
            router.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)))
        }
        None => router.route("/", get(placeholder_page)),
    };
    let middleware = ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!(
                "request",
                method = %req.method(),
                path = %req.uri().path(),
                request_id = %id,
                operation = tracing::field::Empty,
                user = tracing::field::Empty,
            )
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(CatchPanicLayer::new())
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT));
    router.layer(middleware)
}

/// Serves until SIGTERM or Ctrl-C, then finishes requests in flight.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    axum::serve(listener, app.router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shut down");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received");
}

/// The web UI's settings; not cached, so that a changed setting reaches the next page load.
async fn web_config(State(state): State<AppState>) -> Response {
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))],
        axum::Json(state.web.as_ref().clone()),
    )
        .into_response()
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.server.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// A calendar feed at its secret URL; unknown or revoked secrets answer 404.
async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if token.contains('\0') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match calendar::render(&state.server.db, token).await {
        Ok(Some(body)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
                (header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300")),
            ],
            body,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(err) => {
            let id = uuid::Uuid::new_v4();
            tracing::error!(correlation_id = %id, error = ?err, "calendar feed failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct DownloadQuery {
    token: Option<String>,
}

/// An attachment behind a signed download link; anything else answers 404.
async fn attachment(
    State(state): State<AppState>, Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<DownloadQuery>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    let (Ok(id), Some(token)) = (uuid::Uuid::parse_str(&id), query.token) else {
        return not_found();
    };
    if token.contains('\0') {
        return not_found();
    }
    match attachments::fetch(&state.server.db, &state.server.auth.tokens, id, &token).await {
        Ok(Some(file)) => {
            let ascii: String = file
                .file_name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' })
                .collect();
            let encoded: String = file
                .file_name
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            let disposition =
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
            let mut response = (StatusCode::OK, file.content).into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&file.content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            response
        }
        Ok(None) => not_found(),
        Err(err) => {
            let id = uuid::Uuid::new_v4();
            tracing::error!(correlation_id = %id, error = ?err, "attachment download failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

async fn placeholder_page() -> Html<&'static str> {
    Html(concat!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Samråd</title></head>",
        "<body><main><h1>Samråd</h1><p>Webbgränssnittet är inte byggt. ",
        "API:t och GraphiQL finns på <a href=\"/graphql\">/graphql</a>.</p></main></body></html>"
    ))
}

/// What every GraphQL request passes before async-graphql sees it: the document's
/// limits ([`guard::check`]) and no NUL character in any text.
fn admit(request: &async_graphql::Request) -> Result<guard::Checked, Box<Response>> {
    let checked =
        guard::check(&request.query).map_err(|refused| Box::new(input_error(&refused.0, None)))?;
    if let Some(field) = guard::nul_character(&request.query, &request.variables) {
        return Err(Box::new(input_error("text must not contain NUL characters", Some(&field))));
    }
    Ok(checked)
}

/// A request error in the GraphQL response shape, answered like async-graphql answers
/// parse and validation errors: 200 with `BAD_USER_INPUT` (and the field when known).
fn input_error(message: &str, field: Option<&str>) -> Response {
    let mut extensions = serde_json::json!({ "code": "BAD_USER_INPUT" });
    if let Some(field) = field {
        extensions["field"] = field.into();
    }
    json_errors(StatusCode::OK, message, extensions)
}

/// Logs `err` with a correlation id and answers INTERNAL with that id, nothing more.
pub(crate) fn internal_error(err: &dyn std::fmt::Debug, what: &str) -> Response {
    let id = uuid::Uuid::new_v4();
    tracing::error!(correlation_id = %id, error = ?err, "{what}");
    json_errors(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error",
        serde_json::json!({ "code": "INTERNAL", "correlationId": id.to_string() }),
    )
}

/// A GraphQL-shaped error at the HTTP level (before the request reaches the schema).
pub(crate) fn http_error(status: StatusCode, code: &str, message: &str) -> Response {
    json_errors(status, message, serde_json::json!({ "code": code }))
}

/// A response in the GraphQL error shape with one error.
fn json_errors(status: StatusCode, message: &str, extensions: serde_json::Value) -> Response {
    let body = serde_json::json!({ "errors": [{ "message": message, "extensions": extensions }] });
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body.to_string(),
    )
        .into_response()
}

/// The body is declared JSON: a cross-site form cannot send that without a CORS preflight,
/// which Samråd never grants.
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

async fn graphql_get(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let query = parts.uri.query().unwrap_or_default();
    if query.is_empty() {
        if !state.dev_tools {
            return http_error(StatusCode::NOT_FOUND, "NOT_FOUND", "not found");
        }
        return Html(
            GraphiQLSource::build().endpoint("/graphql").title("Samråd GraphiQL").finish(),
        )
        .into_response();
    }
    let Ok(gql_request) = async_graphql::http::parse_query_string(query) else {
        return http_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", "invalid GraphQL GET request");
    };
    let checked = match admit(&gql_request) {
        Ok(checked) => checked,
        Err(refusal) => return *refusal,
    };
    if checked.document.operations.iter().any(|(_, op)| op.node.ty != OperationType::Query) {
        return http_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations are only accepted with POST and a JSON body",
        );
    }
    execute(&state, &parts.headers, &parts.extensions, gql_request, checked).await
}

async fn graphql_post(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if !is_json(&parts.headers) {
        return http_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "GraphQL requests must be sent as application/json",
        );
    }
    let Ok(bytes) = axum::body::to_bytes(body, state.max_body_bytes).await else {
        return http_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            "request body too large",
        );
    };
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return http_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "batched requests are not supported",
        );
    }
    let Ok::<async_graphql::Request, _>(gql_request) = serde_json::from_slice(&bytes) else {
        return http_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the body is not a GraphQL request",
        );
    };
    let checked = match admit(&gql_request) {
        Ok(checked) => checked,
        Err(refusal) => return *refusal,
    };
    execute(&state, &parts.headers, &parts.extensions, gql_request, checked).await
}

async fn execute(
    state: &AppState, headers: &HeaderMap, extensions: &axum::http::Extensions,
    mut request: async_graphql::Request, checked: guard::Checked,
) -> Response {
    let auth = match bearer(headers) {
        Bearer::Absent => RequestAuth::Anonymous,
        Bearer::Malformed => RequestAuth::Rejected,
        Bearer::Token(token) => {
            match sessions::authenticate(&state.server.db, &state.server.auth, token).await {
                Ok(actor) => RequestAuth::Authenticated(Box::new(actor)),
                Err(crate::error::AppError::Internal(err)) => {
                    return internal_error(&err, "authentication failed internally");
                }
                Err(_) => RequestAuth::Rejected,
            }
        }
    };
    // The request's span names the operation and who asked, so that a correlation id in
    // a log line leads to both.
    let span = tracing::Span::current();
    let operation = request.operation_name.clone().or_else(|| {
        let mut names = checked.document.operations.iter().filter_map(|(n, _)| n);
        names.next().map(|n| n.to_string())
    });
    span.record("operation", operation.as_deref().unwrap_or("-"));
    if let RequestAuth::Authenticated(actor) = &auth {
        span.record("user", tracing::field::display(actor.user_id));
    }
    let client = client_addr(headers, extensions, state.trust_forwarded_for);
    let loaders = Loaders::new(&state.server.db);
    let holds_mutation = checked.holds_mutation;
    if holds_mutation {
        loaders.forget_between_fields();
    }
    request.set_parsed_query(checked.document);
    if !state.dev_tools {
        request = request.disable_introspection();
    }
    let request = request.data(auth).data(ClientAddr(client)).data(loaders);
    let mut response = if holds_mutation {
        // A write runs to its end on a task of its own: a client that goes away (or the
        // request timeout) drops this future, and must not cut a transaction in half and
        // leave its pooled connection inside it.
        let schema = state.schema.clone();
        let task =
            crate::live::scope(
                state.server.live.clone(),
                async move { schema.execute(request).await },
            );
        match tokio::spawn(tracing::Instrument::instrument(task, tracing::Span::current())).await {
            Ok(response) => response,
            Err(err) => return internal_error(&err, "mutation task failed"),
        }
    } else {
        crate::live::scope(state.server.live.clone(), state.schema.execute(request)).await
    };
    // Parse and validation errors (depth, complexity, unknown fields, bad variables) come
    // from async-graphql without a code; they are the client's input.
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", "BAD_USER_INPUT");
        }
    }
    GraphQLResponse::from(response).into_response()
}

enum Bearer<'a> {
    Absent,
    Malformed,
    Token(&'a str),
}

/// The bearer token; any other `Authorization` value counts as bad credentials.
fn bearer(headers: &HeaderMap) -> Bearer<'_> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Bearer::Absent };
    value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, token)| scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .map_or(Bearer::Malformed, |(_, token)| Bearer::Token(token.trim()))
}

pub(crate) fn client_addr(
    headers: &HeaderMap, extensions: &axum::http::Extensions, trust_forwarded_for: bool,
) -> String {
    if trust_forwarded_for
        && let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return first.trim().to_owned();
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |ConnectInfo(addr)| addr.ip().to_string())
}
