//! E-mail for notifications: what goes into the outbox, and how it reads.
//!
//! A message in the outbox holds the recipient's name and locale and, per item, a kind
//! and a link (a path with ids only) — nothing else. Its text comes from the kind alone,
//! so no content of an input, a meeting or a situation picture can reach an e-mail body:
//! the reader follows the link and signs in, where the access rules apply.

use chrono::{DateTime, Utc};
use entity::{app_user, email_outbox, notification, notification_preference as pref};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Notice;
use crate::{
    domain::types::{ActiveEnum, Locale, NotificationChannel, NotificationKind},
    error::{AppError, AppResult},
};

/// What one e-mail says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub name: String,
    /// `sv` or `en`.
    pub locale: String,
    /// One item: a notice; several: a daily digest.
    pub items: Vec<Item>,
}

/// One notice in an e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The kind's stored spelling.
    pub kind: String,
    pub link: Option<String>,
}

/// A message ready for SMTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues the e-mail of a notice, in the caller's transaction; a disabled user gets none.
pub async fn enqueue_notice(db: &impl ConnectionTrait, notice: &Notice) -> AppResult<()> {
    let Some(user) = app_user::Entity::find_by_id(notice.user_id).one(db).await? else {
        return Ok(());
    };
    if user.disabled_at.is_some() {
        return Ok(());
    }
    let item = Item { kind: notice.kind.to_value(), link: notice.link.clone() };
    enqueue(db, &user, vec![item]).await
}

async fn enqueue(
    db: &impl ConnectionTrait, user: &app_user::Model, items: Vec<Item>,
) -> AppResult<()> {
    let mail = Mail { name: user.display_name.clone(), locale: user.locale.to_value(), items };
    let payload = serde_json::to_string(&mail).map_err(|e| AppError::Internal(e.into()))?;
    let now = Utc::now();
    email_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        recipient: Set(user.email.clone()),
        payload: Set(payload),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        sent_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Sends the daily digests due at `cutoff` (today's digest hour): for each user who
/// chose the digest for some kind, one e-mail with their notifications of those kinds
/// from before the cutoff that no digest carried yet. Each notification is claimed in
/// the transaction that queues its e-mail, so two instances never send it twice; run
/// again the same day, it finds nothing new. Returns the e-mails queued.
#[tracing::instrument(skip_all)]
pub async fn queue_digests(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> AppResult<usize> {
    let users: Vec<Uuid> = pref::Entity::find()
        .select_only()
        .column(pref::Column::UserId)
        .distinct()
        .filter(pref::Column::Channel.eq(NotificationChannel::Digest))
        .into_tuple()
        .all(db)
        .await?;
    let mut queued = 0;
    for user_id in users {
        let txn = crate::db::begin_write(db).await?;
        let kinds: Vec<NotificationKind> = pref::Entity::find()
            .select_only()
            .column(pref::Column::Kind)
            .filter(pref::Column::UserId.eq(user_id))
            .filter(pref::Column::Channel.eq(NotificationChannel::Digest))
            .into_tuple()
            .all(&txn)
            .await?;
        let due = notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::Kind.is_in(kinds))
            .filter(notification::Column::DigestedAt.is_null())
            .filter(notification::Column::CreatedAt.lt(cutoff))
            .order_by_asc(notification::Column::Id)
            .lock_exclusive()
            .all(&txn)
            .await?;
        let user = app_user::Entity::find_by_id(user_id).one(&txn).await?;
        let Some(user) = user.filter(|u| u.disabled_at.is_none() && !due.is_empty()) else {
            continue;
        };
        notification::Entity::update_many()
            .col_expr(notification::Column::DigestedAt, Expr::value(Utc::now()))
            .filter(notification::Column::Id.is_in(due.iter().map(|n| n.id)))
            .exec(&txn)
            .await?;
        let items =
            due.iter().map(|n| Item { kind: n.kind.to_value(), link: n.link.clone() }).collect();
        enqueue(&txn, &user, items).await?;
        crate::live::commit(txn, ()).await?;
        queued += 1;
    }
    Ok(queued)
}

/// The text of a mail, with links under `public_url`.
pub fn render(mail: &Mail, public_url: &str) -> Rendered {
    let en = mail.locale == Locale::En.to_value();
    let base = public_url.trim_end_matches('/');
    let lines: Vec<(String, String)> = mail
        .items
        .iter()
        .map(|item| {
            let kind = NotificationKind::try_from_value(&item.kind).ok();
            let link = format!("{base}{}", item.link.as_deref().unwrap_or("/aviseringar"));
            (texts(kind, en).1.to_owned(), link)
        })
        .collect();
    let subject = match (&mail.items[..], en) {
        ([item], _) => texts(NotificationKind::try_from_value(&item.kind).ok(), en).0.to_owned(),
        (_, false) => "Din dagliga sammanfattning från Samråd".to_owned(),
        (_, true) => "Your daily summary from Samråd".to_owned(),
    };
    let (hello, open, why, settings) = if en {
        (
            "Hello",
            "Open in Samråd",
            "You get this e-mail because of your notification settings.",
            "Change them",
        )
    } else {
        (
            "Hej",
            "Öppna i Samråd",
            "Du får det här e-postmeddelandet på grund av dina aviseringsinställningar.",
            "Ändra dem",
        )
    };
    let settings_url = format!("{base}/installningar");
    let mut text = format!("{hello} {}!\n\n", mail.name);
    for (line, link) in &lines {
        text.push_str(&format!("{line}\n{open}: {link}\n\n"));
    }
    text.push_str(&format!("--\n{why}\n{settings}: {settings_url}\n"));
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body><p>{hello} {}!</p>",
        if en { "en" } else { "sv" },
        escape(&mail.name)
    );
    for (line, link) in &lines {
        html.push_str(&format!(
            "<p>{}<br><a href=\"{}\">{open}</a></p>",
            escape(line),
            escape(link)
        ));
    }
    html.push_str(&format!(
        "<hr><p><small>{why} <a href=\"{}\">{settings}</a>.</small></p></body></html>",
        escape(&settings_url)
    ));
    Rendered { subject, text, html }
}

/// A kind's subject line and sentence, in Swedish or English.
fn texts(kind: Option<NotificationKind>, en: bool) -> (&'static str, &'static str) {
    use NotificationKind as K;
    match (kind, en) {
        (Some(K::InputSubmitted), false) => (
            "Nytt inspel till ett möte",
            "Ett nytt inspel har kommit in till ett möte där ni har sekretariatet.",
        ),
        (Some(K::InputSubmitted), true) => (
            "New input to a meeting",
            "A new input came in to a meeting whose secretariat you hold.",
        ),
        (Some(K::InputAnswered), false) => {
            ("Ert inspel har fått svar", "Ett inspel från er organisation har fått återkoppling.")
        }
        (Some(K::InputAnswered), true) => {
            ("Your input was answered", "An input from your organisation has been answered.")
        }
        (Some(K::MeetingChanged), false) => {
            ("Ett möte har ändrats", "Ett möte i ett av dina råd har ändrats.")
        }
        (Some(K::MeetingChanged), true) => {
            ("A meeting has changed", "A meeting in one of your councils has changed.")
        }
        (Some(K::MeetingCancelled), false) => {
            ("Ett möte är inställt", "Ett möte i ett av dina råd har ställts in.")
        }
        (Some(K::MeetingCancelled), true) => {
            ("A meeting is cancelled", "A meeting in one of your councils was cancelled.")
        }
        (Some(K::AgendaChanged), false) => {
            ("Dagordningen har ändrats", "Dagordningen för ett möte i ett av dina råd har ändrats.")
        }
        (Some(K::AgendaChanged), true) => (
            "An agenda has changed",
            "The agenda of a meeting in one of your councils has changed.",
        ),
        (Some(K::ActionAssigned), false) => (
            "Ny åtgärd för er organisation",
            "Er organisation har fått en ny åtgärd att följa upp.",
        ),
        (Some(K::ActionAssigned), true) => (
            "A new action for your organisation",
            "Your organisation has a new action to follow up.",
        ),
        (Some(K::InputStatusChanged), false) => (
            "Ett inspel har ändrat status",
            "Ett inspel till ett möte där ni har sekretariatet har ändrat status.",
        ),
        (Some(K::InputStatusChanged), true) => (
            "An input changed status",
            "An input to a meeting whose secretariat you hold changed status.",
        ),
        (Some(K::PictureSuperseded), false) => {
            ("En lägesbild har ersatts", "En lägesbild som delats med dig har ersatts av en nyare.")
        }
        (Some(K::PictureSuperseded), true) => (
            "A situation picture was replaced",
            "A situation picture shared with you was replaced by a newer one.",
        ),
        (Some(K::PicturePublished), false) => {
            ("En lägesbild har delats med dig", "En ny lägesbild har delats med dig.")
        }
        (Some(K::PicturePublished), true) => (
            "A situation picture was shared with you",
            "A new situation picture was shared with you.",
        ),
        (Some(K::MinutesForComment), false) => (
            "Protokollet är klart för synpunkter",
            "Protokollet från ett möte du deltar i är klart för dina synpunkter.",
        ),
        (Some(K::MinutesForComment), true) => (
            "Minutes ready for your comments",
            "The minutes of a meeting you attend are ready for your comments.",
        ),
        (Some(K::InputWindowClosing), false) => (
            "Inspelsperioden stänger snart",
            "Inspelsperioden för ett möte stänger inom tre dagar.",
        ),
        (Some(K::InputWindowClosing), true) => (
            "The input window closes soon",
            "The input window of a meeting closes within three days.",
        ),
        (Some(K::ActionDueSoon), false) => (
            "En åtgärd ska snart vara klar",
            "En åtgärd för er organisation ska vara klar inom sju dagar.",
        ),
        (Some(K::ActionDueSoon), true) => {
            ("An action is due soon", "An action of your organisation is due within seven days.")
        }
        (Some(K::ActionOverdue), false) => {
            ("En åtgärd är försenad", "En åtgärd för er organisation har passerat sitt slutdatum.")
        }
        (Some(K::ActionOverdue), true) => {
            ("An action is overdue", "An action of your organisation is past its due date.")
        }
        (None, false) => ("Nytt i Samråd", "Det finns nyheter för dig i Samråd."),
        (None, true) => ("News in Samråd", "There is news for you in Samråd."),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_says_only_the_kind_and_links_and_escapes_the_name() {
        let mail = Mail {
            name: "Ada <b>".into(),
            locale: "sv".into(),
            items: vec![Item { kind: "input.submitted".into(), link: Some("/moten/1".into()) }],
        };
        let r = render(&mail, "https://samrad.example/");
        assert_eq!(r.subject, "Nytt inspel till ett möte");
        assert!(
            r.text.contains("Hej Ada <b>!") && r.text.contains("https://samrad.example/moten/1")
        );
        assert!(r.html.contains("Ada &lt;b&gt;") && !r.html.contains("<b>"), "{}", r.html);
        let digest = Mail {
            items: vec![mail.items[0].clone(), mail.items[0].clone()],
            locale: "en".into(),
            ..mail
        };
        assert_eq!(
            render(&digest, "https://samrad.example").subject,
            "Your daily summary from Samråd"
        );
    }
}
