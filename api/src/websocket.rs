//! The live connection: GraphQL subscriptions over WebSocket at `/graphql/ws`
//! (`graphql-transport-ws`, and the older `graphql-ws`).
//!
//! The access token comes in `connection_init` (`{"authorization": "Bearer …"}` or
//! `{"accessToken": "…"}`); without a valid one the connection is refused. The socket
//! closes when the token expires, at once when its session logs out (a change heard from
//! any instance), and within `SAMRAD_LIVE_RECHECK_SECS` when the session ends otherwise.

use async_graphql::{Data, http::ALL_WEBSOCKET_PROTOCOLS};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    extract::{
        State,
        ws::{WebSocket, WebSocketUpgrade},
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
    graphql::{ClientAddr, LiveToken, Loaders, RequestAuth, ServerData},
    live::Change,
};

/// Upgrades to a live connection.
pub async fn upgrade(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve(state, socket, protocol))
}

async fn serve(state: AppState, socket: WebSocket, protocol: GraphQLProtocol) {
    let (sink, incoming) = socket.split();
    let (opened, session) = watch::channel::<Option<(String, Actor)>>(None);
    let server = state.server.clone();
    let init = move |payload: Value| {
        let (server, opened) = (server.clone(), opened.clone());
        async move {
            let refused = || async_graphql::Error::new("authentication required");
            let token = token_in(&payload).ok_or_else(refused)?;
            let actor = sessions::authenticate(&server.db, &server.auth, &token)
                .await
                .map_err(|_| refused())?;
            // Every event is read afresh: nothing is remembered between fields.
            let loaders = Loaders::new(&server.db);
            loaders.forget_between_fields();
            let mut data = Data::default();
            data.insert(RequestAuth::Authenticated(Box::new(actor.clone())));
            data.insert(LiveToken(token.clone()));
            data.insert(ClientAddr("live".into()));
            data.insert(loaders);
            opened.send_replace(Some((token, actor)));
            Ok(data)
        }
    };
    // When the session ends, the client's side of the stream ends, and with it the
    // connection (async-graphql closes the socket when its input ends).
    let incoming = incoming.take_until(session_end(state.server.clone(), session));
    GraphQLWebSocket::new_with_pair(sink, incoming, state.schema.clone(), protocol)
        .on_connection_init(init)
        .serve()
        .await;
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

/// Resolves when the connection's session or token has ended.
async fn session_end(server: ServerData, mut opened: watch::Receiver<Option<(String, Actor)>>) {
    let opened = opened.wait_for(Option::is_some).await.map(|pair| pair.clone());
    let (token, actor) = match opened {
        Ok(Some(pair)) => pair,
        Ok(None) => return,
        // The connection ended before it was initialised.
        Err(_) => return std::future::pending().await,
    };
    let Ok(expiry) = server.auth.tokens.expiry(&token) else { return };
    let recheck = server.auth.settings.live_recheck;
    let mut changes = server.live.subscribe();
    loop {
        let left = (expiry - Utc::now()).to_std().unwrap_or_default();
        tokio::select! {
            () = tokio::time::sleep(left) => return,
            () = tokio::time::sleep(recheck) => {
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
