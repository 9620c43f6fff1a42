//! E-mail for notifications: what goes into the outbox, and how it reads.
//!
//! A message in the outbox holds the recipient's name and locale and, per item, a kind
//! and a link (a path with ids only) — nothing else. Its text comes from the kind alone,
//! so no content of an input, a meeting or a situation picture can reach an e-mail body:
//! the reader follows the link and signs in, where the access rules apply.

use super::Notice;
use crate::domain::prelude::*;
use crate::domain::{
    labels,
    types::{ActiveEnum, Email, Locale, NotificationChannel, NotificationKind},
};
use chrono::DateTime;
use entity::{app_user, email_outbox, notification, notification_preference as pref};
use serde::{Deserialize, Serialize};

/// What one e-mail says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub name: String,
    /// `sv` or `en`.
    pub locale: String,
    /// One item: a notice; several: a daily digest.
    pub items: Vec<Item>,
}

impl Mail {
    /// A receipt link to someone without an account: no settings to point to, and the one
    /// mail whose row the outbox forgets once it is sent or given up.
    pub fn is_receipt(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|item| item.kind == RECEIPT)
    }
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

/// The kind of the one e-mail that goes to someone without an account: the receipt link
/// of an input sent through an invitation.
pub const RECEIPT: &str = "input.receipt";

/// Queues the receipt link of an input sent through an invitation to `address`, in the
/// caller's transaction. Like every mail, it holds the link and no content of the input;
/// not even the sender's name, which anyone may type (the greeting is a plain "Hej!").
pub async fn enqueue_receipt(
    db: &impl ConnectionTrait, address: &Email, receipt: &str,
) -> AppResult<()> {
    let item = Item { kind: RECEIPT.to_owned(), link: Some(format!("/kvitto/{receipt}")) };
    let mail = Mail { name: String::new(), locale: "sv".to_owned(), items: vec![item] };
    insert(db, address.as_str(), &mail).await
}

async fn enqueue(
    db: &impl ConnectionTrait, user: &app_user::Model, items: Vec<Item>,
) -> AppResult<()> {
    let mail = Mail { name: user.display_name.clone(), locale: user.locale.to_value(), items };
    insert(db, &user.email, &mail).await
}

async fn insert(db: &impl ConnectionTrait, recipient: &str, mail: &Mail) -> AppResult<()> {
    let payload = serde_json::to_string(mail).map_err(|e| AppError::Internal(e.into()))?;
    let now = Utc::now();
    email_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        recipient: Set(recipient.to_owned()),
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
            let link = format!("{base}{}", item.link.as_deref().unwrap_or("/aviseringar"));
            (texts(&item.kind, en).1.to_owned(), link)
        })
        .collect();
    let word = |key: &str| labels::text(en, &format!("mail.{key}")).unwrap_or_default();
    let subject = match &mail.items[..] {
        [item] => texts(&item.kind, en).0.to_owned(),
        _ => word("digest").to_owned(),
    };
    // Translators' words go into HTML too: escaped as the lines are.
    let (hello, open, why, settings) = (word("hello"), word("open"), word("why"), word("settings"));
    let (hello_html, open_html, why_html, settings_html) =
        (escape(hello), escape(open), escape(why), escape(settings));
    let settings_url = format!("{base}/installningar");
    // Someone without an account has no settings and may have given no name.
    let receipt = mail.is_receipt();
    let greeting =
        if mail.name.trim().is_empty() { String::new() } else { format!(" {}", mail.name) };
    let mut text = format!("{hello}{greeting}!\n\n");
    for (line, link) in &lines {
        text.push_str(&format!("{line}\n{open}: {link}\n\n"));
    }
    let footer = word("receiptWhy");
    if receipt {
        text.push_str(&format!("--\n{footer}\n"));
    } else {
        text.push_str(&format!("--\n{why}\n{settings}: {settings_url}\n"));
    }
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body><p>{hello_html}{}!</p>",
        if en { "en" } else { "sv" },
        escape(&greeting)
    );
    for (line, link) in &lines {
        html.push_str(&format!(
            "<p>{}<br><a href=\"{}\">{open_html}</a></p>",
            escape(line),
            escape(link)
        ));
    }
    if receipt {
        html.push_str(&format!("<hr><p><small>{}</small></p></body></html>", escape(footer)));
    } else {
        html.push_str(&format!(
            "<hr><p><small>{why_html} <a href=\"{}\">{settings_html}</a>.</small></p></body></html>",
            escape(&settings_url)
        ));
    }
    Rendered { subject, text, html }
}

/// A kind's subject line and sentence in the mail's language (`mail.<kind>.*` in the web
/// UI's words); a kind without its own words reads as news.
fn texts(kind: &str, en: bool) -> (&'static str, &'static str) {
    let said = |kind: &str| {
        let subject = labels::text(en, &format!("mail.{kind}.subject"))?;
        Some((subject, labels::text(en, &format!("mail.{kind}.line"))?))
    };
    said(kind).or_else(|| said("news")).unwrap_or(("Samråd", ""))
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

    #[test]
    fn every_kind_has_its_own_words_in_both_languages() {
        use sea_orm::Iterable;
        let news = (texts("news", false), texts("news", true));
        for kind in NotificationKind::iter() {
            for en in [false, true] {
                let (subject, line) = texts(&kind.to_value(), en);
                assert!(!subject.is_empty() && !line.is_empty(), "{kind:?} en={en}");
                assert_ne!((subject, line), if en { news.1 } else { news.0 }, "{kind:?} en={en}");
            }
        }
        for en in [false, true] {
            let (subject, line) = texts(RECEIPT, en);
            assert_ne!((subject, line), if en { news.1 } else { news.0 }, "receipt en={en}");
            for key in ["digest", "hello", "open", "why", "settings", "receiptWhy"] {
                let word = labels::text(en, &format!("mail.{key}")).unwrap_or_default();
                assert!(!word.is_empty(), "mail.{key} en={en}");
            }
        }
        assert_eq!(texts("no.such.kind", false), news.0);
        assert_eq!(texts("input.feedback", true).0, "Your input was answered");
    }
}
