//! The live connection: GraphQL subscriptions over WebSocket at `/graphql/ws`
//! (`graphql-transport-ws`, and the older `graphql-ws`).
//!
//! Rules kept here:
//! - The access token comes in `connection_init` (`{"authorization": "Bearer …"}` or
//!   `{"accessToken": "…"}`) within [`INIT_WITHIN`]; without a valid one, or beyond a
//!   user's share of connections, the connection is refused.
//! - Only subscriptions run here, each document through the same limits as on HTTP
//!   ([`guard::check`], no NUL character); queries and mutations go over HTTP, where
//!   writes run to their end on a task of their own. A message that breaks a rule, or
//!   more than [`MAX_SUBSCRIPTIONS`] subscriptions on one connection, closes it.
//! - The socket closes when the token expires, at once when its session logs out (a
//!   change heard from any instance), and within `SAMRAD_LIVE_RECHECK_SECS` when the
//!   session ends otherwise.

use std::time::Duration;

use async_graphql::{Data, Variables, http::ALL_WEBSOCKET_PROTOCOLS, parser::types::OperationType};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    extract::{
        State,
        ws::{Message, WebSocket, WebSocketUpgrade},
    },
    response::Response,
};
use chrono::Utc;
use futures_util::StreamExt;
use serde_json::Value;
use tokio::sync::{broadcast::error::RecvError, watch};

use crate::{
    app::AppState,
    auth::Actor,
    domain::sessions,
    error::AppError,
    graphql::{LiveToken, Loaders, RequestAuth, ServerData, guard},
    live::Change,
};

/// Largest message a client may send (a subscription document and its variables).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Most subscriptions one connection may start in its life.
pub const MAX_SUBSCRIPTIONS: usize = 100;
/// Time a new connection has to authenticate.
pub const INIT_WITHIN: Duration = Duration::from_secs(10);

/// Upgrades to a live connection.
pub async fn upgrade(
    State(state): State<AppState>, protocol: GraphQLProtocol, upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        // Small buffers: a thousand idle connections should not hold 128 KiB each.
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .on_upgrade(move |socket| serve(state, socket, protocol))
}

async fn serve(state: AppState, socket: WebSocket, protocol: GraphQLProtocol) {
    let (sink, incoming) = socket.split();
    let (opened, session) = watch::channel::<Option<(String, Actor)>>(None);
    let server = state.server.clone();
    let init = move |payload: Value| {
        let (server, opened) = (server.clone(), opened.clone());
        async move {
            let refused = |why: &str| async_graphql::Error::new(why);
            let token = token_in(&payload).ok_or_else(|| refused("authentication required"))?;
            let actor = sessions::authenticate(&server.db, &server.auth, &token)
                .await
                .map_err(|_| refused("authentication required"))?;
            let max = server.auth.settings.live_connections_per_user;
            let slot = server
                .live
                .admit(actor.user_id, max)
                .ok_or_else(|| refused("too many live connections"))?;
            // Every event is read afresh: nothing is remembered between fields.
            let loaders = Loaders::new(&server.db);
            loaders.forget_between_fields();
            let mut data = Data::default();
            data.insert(RequestAuth::Authenticated(Box::new(actor.clone())));
            data.insert(LiveToken(token.clone()));
            data.insert(loaders);
            // Held as long as the connection's data: the user's place is given back then.
            data.insert(slot);
            opened.send_replace(Some((token, actor)));
            Ok(data)
        }
    };
    let mut started = 0usize;
    // When a rule is broken or the session ends, the client's side of the stream ends,
    // and with it the connection (async-graphql closes the socket when its input ends).
    let incoming = incoming
        .take_while(move |message| {
            let admitted = match message {
                Ok(Message::Text(text)) => admit(text.as_str(), &mut started),
                _ => true,
            };
            std::future::ready(admitted)
        })
        .take_until(session_end(state.server.clone(), session));
    GraphQLWebSocket::new_with_pair(sink, incoming, state.schema.clone(), protocol)
        .on_connection_init(init)
        .serve()
        .await;
}

/// Whether a client message may pass: a subscription within the limits, or anything that
/// is not an operation (init, ping, complete). `started` counts the subscriptions.
fn admit(text: &str, started: &mut usize) -> bool {
    let Ok(message) = serde_json::from_str::<Value>(text) else { return false };
    if !matches!(message["type"].as_str(), Some("subscribe" | "start")) {
        return true;
    }
    *started += 1;
    if *started > MAX_SUBSCRIPTIONS {
        tracing::info!("live connection closed: too many subscriptions");
        return false;
    }
    let Some(query) = message["payload"]["query"].as_str() else { return false };
    let checked = match guard::check(query) {
        Ok(checked) => checked,
        Err(refused) => {
            tracing::info!(reason = %refused.0, "live connection closed: document refused");
            return false;
        }
    };
    let only_subscriptions =
        checked.document.operations.iter().all(|(_, op)| op.node.ty == OperationType::Subscription);
    if !only_subscriptions {
        tracing::info!("live connection closed: not a subscription");
        return false;
    }
    let variables = Variables::from_json(message["payload"]["variables"].clone());
    guard::nul_character(query, &variables).is_none()
}

/// The token of a `connection_init` payload.
fn token_in(payload: &Value) -> Option<String> {
    let bearer = ["authorization", "Authorization"]
        .iter()
        .find_map(|key| payload.get(key).and_then(Value::as_str))
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token);
    bearer
        .or_else(|| payload.get("accessToken").and_then(Value::as_str))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 4096)
        .map(str::to_owned)
}

/// Resolves when the connection must close: it did not authenticate in time, or its
/// session or token has ended.
async fn session_end(server: ServerData, mut opened: watch::Receiver<Option<(String, Actor)>>) {
    let opened = tokio::time::timeout(INIT_WITHIN, opened.wait_for(Option::is_some)).await;
    let (token, actor) = match opened.map(|r| r.map(|pair| pair.clone())) {
        Ok(Ok(Some(pair))) => pair,
        // Not authenticated in time (or the connection already ended).
        _ => return,
    };
    let Ok(expiry) = server.auth.tokens.expiry(&token) else { return };
    let left = (expiry - Utc::now()).to_std().unwrap_or_default();
    let expired = tokio::time::sleep(left);
    tokio::pin!(expired);
    let mut recheck = tokio::time::interval(server.auth.settings.live_recheck);
    recheck.tick().await;
    let mut changes = server.live.subscribe();
    loop {
        tokio::select! {
            () = &mut expired => return,
            _ = recheck.tick() => {
                match sessions::authenticate(&server.db, &server.auth, &token).await {
                    Ok(_) | Err(AppError::Internal(_)) => {}
                    Err(_) => return,
                }
            }
            change = changes.recv() => match change {
                Ok(Change::SessionEnded { id }) if id == actor.session_id => return,
                Err(RecvError::Closed) => return,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_subscriptions_within_the_limits_pass() {
        let mut started = 0;
        let message = |query: &str| {
            serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": query } })
                .to_string()
        };
        assert!(admit(r#"{"type":"connection_init","payload":{}}"#, &mut started));
        assert!(admit(&message("subscription { liveEvents { kind } }"), &mut started));
        assert!(!admit(&message("mutation { logout }"), &mut started));
        assert!(!admit(&message("{ me { id } }"), &mut started));
        assert!(!admit(&message(&format!("subscription {}", "{ a ".repeat(200))), &mut started));
        assert!(!admit("not json", &mut started));
        let mut many = 0;
        for _ in 0..MAX_SUBSCRIPTIONS {
            assert!(admit(&message("subscription { liveEvents { kind } }"), &mut many));
        }
        assert!(!admit(&message("subscription { liveEvents { kind } }"), &mut many));
    }
}
