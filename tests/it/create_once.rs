//! `Client::create_token_once` against the fake Tokens API (feature `fake`)
//! over real TCP on 127.0.0.1: for each way of losing an answer, 20 calls
//! with varied timing, counting the live tokens nobody holds (must be 0),
//! the calls that made two live tokens (0), and the calls that ended with
//! a token where one was possible. Then the settling's own failures (the
//! revoke or the list down, another program creating the same name), each
//! named in the error; and the error texts, which never hold a token.
//!
//! The counts are printed (`cargo test --test create_once -- --nocapture`).

use std::collections::BTreeSet;
use std::time::Duration;

use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
use quantcdn_tokens::types::{CreateTokenRequest, ExpiresIn};
use quantcdn_tokens::{ApiErrorExt, Client, CreateTokenError, Created, RetryPolicy};
use tokens_tests::calls::quick_settling_client;

const ORG: &str = "test-org";
const NAME: &str = "CI token";
const RUNS: u64 = 20;

/// The timing of one run, drawn from its seed: the client's timeout, the
/// waits, and how long a stall lasts past the timeout.
struct Timing {
    timeout: Duration,
    base_delay: Duration,
    settle_window: Duration,
    /// How long after the client gives up a stalled server acts or answers.
    late: Duration,
}

impl Timing {
    fn of(seed: u64) -> Timing {
        let mut rng = fastrand::Rng::with_seed(seed);
        let timeout = Duration::from_millis(rng.u64(120..=250));
        Timing {
            timeout,
            base_delay: Duration::from_millis(rng.u64(5..=30)),
            settle_window: Duration::from_millis(900),
            late: Duration::from_millis(rng.u64(20..=400)),
        }
    }

    fn client(&self, fake: &FakeServer) -> Client {
        fake.client_builder()
            .timeout(self.timeout)
            .retry_policy(RetryPolicy::default().base_delay(self.base_delay))
            .settle_window(self.settle_window)
            .build()
            .expect("a client for the fake")
    }
}

/// A way to lose the create's answer, and whether a token can still be had
/// (the policy allows three attempts; a 500 is not tried again).
struct Way {
    name: &'static str,
    fault: fn(&Timing) -> Fault,
    token_possible: bool,
}

const WAYS: &[Way] = &[
    Way {
        name: "connection closed before acting",
        fault: |_| Fault::CloseBeforeActing,
        token_possible: true,
    },
    Way {
        name: "connection closed after acting",
        fault: |_| Fault::CloseAfterActing,
        token_possible: true,
    },
    Way {
        name: "502 after acting (a proxy lost the answer)",
        fault: |_| Fault::StatusAfterActing(502),
        token_possible: true,
    },
    Way {
        name: "504 after acting",
        fault: |_| Fault::StatusAfterActing(504),
        token_possible: true,
    },
    Way {
        name: "503 before acting",
        fault: |_| Fault::StatusBeforeActing(503),
        token_possible: true,
    },
    Way {
        name: "429 with Retry-After before acting",
        fault: |_| Fault::TooManyRequests { retry_after: 0 },
        token_possible: true,
    },
    Way {
        name: "answer after the client's timeout",
        fault: |t| Fault::StallAfterActing(t.timeout + t.late),
        token_possible: true,
    },
    Way {
        name: "made after the client's timeout",
        fault: |t| Fault::StallBeforeActing(t.timeout + t.late),
        token_possible: true,
    },
    Way {
        name: "201 cut off halfway",
        fault: |_| Fault::CutBodyAfterActing,
        token_possible: true,
    },
    Way {
        name: "201 with HTML instead of JSON",
        fault: |_| Fault::NotJsonAfterActing,
        token_possible: true,
    },
    Way {
        name: "201 then a body without end (past the client's limit)",
        fault: |_| Fault::EndlessBodyAfterActing,
        token_possible: true,
    },
    Way {
        name: "500 after acting (not tried again)",
        fault: |_| Fault::StatusAfterActing(500),
        token_possible: false,
    },
];

fn request() -> quantcdn_tokens::types::builder::CreateTokenRequest {
    CreateTokenRequest::builder()
        .name(NAME)
        .expires_in(ExpiresIn::Days30)
}

/// Tokens the test itself made and holds before the call: one of the same
/// name and one of another, which the call must leave alone. Made with a
/// patient client: a new client's first request loads the TLS roots (about
/// 10 ms of CPU in a debug build), which twenty runs at once on two cores
/// turn into a quarter of a second.
async fn tokens_held_before(fake: &FakeServer) -> BTreeSet<String> {
    let client = fake.client_builder().build().unwrap();
    let mut held = BTreeSet::new();
    for name in [NAME, "another token"] {
        let created = client
            .tokens_create()
            .organization(ORG)
            .body(CreateTokenRequest::builder().name(name))
            .send()
            .await
            .expect("a plain create on the fake");
        held.insert(created.token.expose_secret().to_owned());
    }
    held
}

/// What one call left on the fake.
#[derive(Debug)]
struct Ended {
    /// The call returned a token.
    token: bool,
    /// Live tokens whose plain value nobody holds.
    unheld: usize,
    /// Live tokens the call made (the test's own excluded).
    live_made: usize,
    /// The create requests that reached the fake.
    creates: usize,
    text: String,
}

async fn run(way: &Way, seed: u64) -> Ended {
    let timing = Timing::of(seed);
    let fake = FakeServer::start();
    let mut held = tokens_held_before(&fake).await;
    let client = timing.client(&fake);
    // Its first request too, before the fault is armed: a list, asked
    // again until it is answered. It sets nothing up that the run asserts
    // on, and with a timeout of 120 to 250 ms its answer (or its body) may
    // miss the timeout on a loaded CI machine even after the policy's
    // retries; the create that follows is what is tested.
    let mut lists = 0;
    while let Err(e) = client.tokens_list().organization(ORG).send().await {
        lists += 1;
        assert!(lists < 20, "a list, asked {lists} times: {e}");
    }
    let fault = (way.fault)(&timing);
    fake.fail_next(Operation::Create, fault.clone());
    let result = client.create_token_once(ORG, request()).await;
    // A stalled server acts late: wait until it has, so that a token made
    // after the call returned is counted too.
    tokio::time::sleep(acting_ends_within(&fault)).await;
    let text = match &result {
        Ok(created) => {
            held.insert(created.token.expose_secret().to_owned());
            format!("{created:?}")
        }
        Err(error) => format!("{error} {error:?}"),
    };
    assert_no_plain_token(&fake, &text, &[]);
    if let Ok(created) = &result {
        let live = fake.live_tokens(ORG);
        let mine = live
            .iter()
            .find(|t| Some(t.id) == created.id)
            .expect("the returned token is live, with its id");
        assert_eq!(mine.token.expose_secret(), created.token.expose_secret());
        assert_eq!(mine.name, NAME);
    }
    let live = fake.live_tokens(ORG);
    Ended {
        token: result.is_ok(),
        unheld: live
            .iter()
            .filter(|t| !held.contains(t.token.expose_secret()))
            .count(),
        live_made: live.len() - 2,
        creates: fake.requests(Operation::Create) - 2,
        text,
    }
}

/// How long after the call returned the fake may still act: a stall's
/// length (counted from the request's arrival, so more than enough), and a
/// grace for the fake's own work on a busy machine. Other faults act, or
/// not, before the fake answers.
fn acting_ends_within(fault: &Fault) -> Duration {
    let stall = match fault {
        Fault::StallAfterActing(stall) | Fault::StallBeforeActing(stall) => *stall,
        _ => Duration::ZERO,
    };
    stall + Duration::from_millis(100)
}

/// No plain token the fake made appears in `text`, but those in `allowed`.
fn assert_no_plain_token(fake: &FakeServer, text: &str, allowed: &[&str]) {
    for token in fake.tokens() {
        let plain = token.token.expose_secret();
        if !allowed.contains(&plain) {
            assert!(!text.contains(plain), "a plain token is printed: {text}");
        }
    }
    assert!(
        !text.contains(&fake.api_token()),
        "the bearer is printed: {text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_way_of_losing_the_answer_ends_with_one_held_token_or_none() {
    let mut table = Vec::new();
    for (w, way) in WAYS.iter().enumerate() {
        // The 20 runs of a way at once, each with its own fake and timing.
        let runs = (0..RUNS).map(|run| {
            let seed = 1000 * w as u64 + run;
            async move { (seed, self::run(way, seed).await) }
        });
        let ended = futures_join_all(runs).await;
        let unheld: usize = ended.iter().map(|(_, e)| e.unheld).sum();
        let two_live = ended.iter().filter(|(_, e)| e.live_made > 1).count();
        let tokens = ended.iter().filter(|(_, e)| e.token).count();
        let creates: usize = ended.iter().map(|(_, e)| e.creates).sum();
        for (seed, e) in &ended {
            assert_eq!(
                e.unheld, 0,
                "{}, seed {seed}: a live token nobody holds: {e:?}",
                way.name
            );
            assert!(
                e.live_made <= 1,
                "{}, seed {seed}: two live tokens: {e:?}",
                way.name
            );
            if way.token_possible {
                assert!(
                    e.token,
                    "{}, seed {seed}: no token, though one was possible: {e:?}",
                    way.name
                );
            } else {
                assert!(
                    !e.token && e.live_made == 0,
                    "{}, seed {seed}: {e:?}",
                    way.name
                );
                assert!(
                    e.text.contains("revoked"),
                    "{}, seed {seed}: {}",
                    way.name,
                    e.text
                );
            }
        }
        table.push(format!(
            "{:<45} runs {RUNS}  live nobody holds {unheld}  two live {two_live}  ended with a token {tokens}/{}  create requests {creates}",
            way.name,
            if way.token_possible { RUNS } else { 0 },
        ));
    }
    assert!(WAYS.len() >= 6);
    println!("{}", table.join("\n"));
}

/// `futures::future::join_all` without the crate: the runs as tasks.
async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("a run panicked"));
    }
    out
}

fn unheld_ids(fake: &FakeServer, held: &[&Created]) -> Vec<i64> {
    fake.live_tokens(ORG)
        .iter()
        .filter(|t| {
            held.iter()
                .all(|c| c.token.expose_secret() != t.token.expose_secret())
        })
        .map(|t| t.id)
        .collect()
}

async fn create_once(client: &Client) -> Result<Created, CreateTokenError> {
    client.create_token_once(ORG, request()).await
}

#[tokio::test]
async fn a_plain_create_is_one_list_and_one_create() {
    let fake = FakeServer::start();
    let created = create_once(&quick_settling_client(&fake)).await.unwrap();
    let answer = created.answer.as_ref().expect("typed");
    assert_eq!((answer.name.as_str(), created.attempts), (NAME, 1));
    assert!(created.revoked.is_empty() && created.drift.is_none());
    assert_eq!(
        (
            fake.requests(Operation::List),
            fake.requests(Operation::Create)
        ),
        (1, 1)
    );
    assert!(unheld_ids(&fake, &[&created]).is_empty());
}

#[tokio::test]
async fn a_503_before_anything_was_made_is_tried_again_after_a_list() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::Create, Fault::StatusBeforeActing(503));
    let created = create_once(&quick_settling_client(&fake)).await.unwrap();
    assert_eq!((created.attempts, created.revoked.len()), (2, 0));
    // Before, after the 503: two lists; no revoke.
    assert_eq!(fake.requests(Operation::List), 2);
    assert_eq!(fake.requests(Operation::Revoke), 0);
}

#[tokio::test]
async fn when_the_revoke_is_down_the_error_names_the_live_token() {
    let fake = FakeServer::start();
    let client = quick_settling_client(&fake);
    fake.fail_next(Operation::Create, Fault::CloseAfterActing);
    fake.fail_every(Operation::Revoke, Fault::StatusBeforeActing(503));
    let error = create_once(&client).await.unwrap_err();
    let live = unheld_ids(&fake, &[]);
    assert_eq!(live.len(), 1);
    assert_eq!(error.maybe_live(), &live[..]);
    assert!(!error.nothing_live() && !error.unaccounted());
    let text = error.to_string();
    assert!(
        text.starts_with(r#"cannot create the token "CI token" in test-org: communication error"#),
        "{text}"
    );
    assert!(
        text.contains(&format!("token {} may be live and nobody holds it: revoking failed (unexpected answer: 503 Service Unavailable", live[0])),
        "{text}"
    );
    assert_no_plain_token(&fake, &format!("{error} {error:?} {error:#}"), &[]);
    // Not tried again: the token is still to be dealt with.
    assert_eq!(fake.requests(Operation::Create), 1);
}

#[tokio::test]
async fn when_the_list_is_down_after_a_lost_answer_the_error_says_what_to_look_for() {
    let fake = FakeServer::start();
    fake.pass_next(Operation::List);
    fake.fail_every(Operation::List, Fault::StatusBeforeActing(502));
    fake.fail_next(Operation::Create, Fault::StatusAfterActing(502));
    let error = create_once(&quick_settling_client(&fake))
        .await
        .unwrap_err();
    assert!(error.unaccounted() && !error.nothing_live(), "{error}");
    assert_eq!(
        unheld_ids(&fake, &[]).len(),
        1,
        "the token the attempt made"
    );
    let text = error.to_string();
    assert!(
        text.contains(r#"an attempt may have made a token that this call could not look for (listing failed: unexpected answer: 502 Bad Gateway"#)
            && text.contains(r#"revoke any token named "CI token" made since 20"#),
        "{text}"
    );
}

#[tokio::test]
async fn when_the_list_fails_first_nothing_is_sent() {
    let fake = FakeServer::start();
    fake.fail_every(Operation::List, Fault::StatusBeforeActing(503));
    let error = create_once(&quick_settling_client(&fake))
        .await
        .unwrap_err();
    assert_eq!(fake.requests(Operation::Create), 0);
    assert!(error.nothing_live() && error.attempts() == 0);
    assert!(
        error.to_string().starts_with(
            r#"cannot create the token "CI token" in test-org: nothing was sent, as listing its tokens first"#
        ),
        "{error}"
    );
}

/// Another program creates a token of the same name while the call's
/// answer is lost: two new tokens, one lost attempt. The call revokes
/// neither, and names both.
#[tokio::test]
async fn a_token_of_the_same_name_made_meanwhile_is_not_revoked_but_named() {
    let fake = FakeServer::start();
    let client = fake
        .client_builder()
        .timeout(Duration::from_millis(600))
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .unwrap();
    // Made at once, answered after the client's timeout.
    fake.fail_next(
        Operation::Create,
        Fault::StallAfterActing(Duration::from_millis(1500)),
    );
    let other = {
        let client = client.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(250)).await;
            client
                .tokens_create()
                .organization(ORG)
                .body(request())
                .send()
                .await
                .expect("the other program's create")
        })
    };
    let error = create_once(&client).await.unwrap_err();
    let other = other.await.unwrap();
    let live: Vec<i64> = fake.live_tokens(ORG).iter().map(|t| t.id).collect();
    assert_eq!(live.len(), 2, "nothing revoked");
    assert!(live.contains(&other.id));
    assert_eq!(error.maybe_live(), &live[..]);
    assert!(
        error.to_string().contains(&format!(
            r#"new tokens named "CI token" appeared ({} and {}), more than this call's lost attempts could make"#,
            live[0], live[1]
        )),
        "{error}"
    );
}

#[tokio::test]
async fn a_refusal_is_not_tried_again_and_its_message_says_why() {
    let fake = FakeServer::start();
    let client = fake
        .client_builder()
        .base_url(fake.base_url())
        .build()
        .unwrap();
    let read_only = quantcdn_tokens::ClientBuilder::new(fake.read_only_token())
        .base_url(fake.base_url())
        .build()
        .unwrap();
    let error = read_only
        .create_token_once(ORG, request())
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"cannot create the token "CI token" in test-org: 403 Forbidden: This token may not manage tokens."#
    );
    assert!(error.is_forbidden() && error.nothing_live());
    // The builder refuses a body without a name before anything is sent.
    let creates = fake.requests(Operation::Create);
    let error = client
        .create_token_once(ORG, CreateTokenRequest::builder())
        .await
        .unwrap_err();
    assert_eq!(fake.requests(Operation::Create), creates);
    assert!(
        error.to_string().contains("no value supplied for name"),
        "{error}"
    );
}
