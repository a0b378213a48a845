//! `Client::revoke_token` against the fake Tokens API over real TCP on
//! 127.0.0.1: a revoke whose answer was lost after the server acted, and
//! retried, reports the token gone instead of 404; a 404 no lost attempt
//! explains stays `is_not_found()`; and `create_token_once`'s settling
//! revokes through it, so a lost revoke answer leaves nothing live.

use quantcdn_tokens::Client;
use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
use quantcdn_tokens::types::CreateTokenRequest;
use tokens_tests::calls::{create, quick_settling_client};

const ORG: &str = "test-org";

/// A live token of the fake, made through the API; its id.
async fn live_token(client: &Client) -> i64 {
    create(client, ORG).await.expect("the fake creates").id
}

#[tokio::test]
async fn a_revoke_whose_answer_was_lost_after_acting_reports_the_token_gone() {
    for fault in [
        Fault::CloseAfterActing,
        Fault::StatusAfterActing(502),
        Fault::StatusAfterActing(504),
    ] {
        let fake = FakeServer::start();
        let client = quick_settling_client(&fake);
        let id = live_token(&client).await;
        fake.fail_next(Operation::Revoke, fault.clone());
        let revoked = client
            .revoke_token(ORG, id)
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert!(revoked.already_gone, "{fault:?}: {revoked:?}");
        assert_eq!(revoked.message, None, "{fault:?}");
        // The first attempt revoked it; the retry found it gone.
        assert_eq!(fake.requests(Operation::Revoke), 2, "{fault:?}");
        assert!(fake.live_tokens(ORG).is_empty(), "{fault:?}");
    }
}

#[tokio::test]
async fn a_revoke_that_meets_no_fault_or_a_fault_before_acting_confirms_it() {
    for fault in [None, Some(Fault::StatusBeforeActing(503))] {
        let fake = FakeServer::start();
        let client = quick_settling_client(&fake);
        let id = live_token(&client).await;
        if let Some(fault) = &fault {
            fake.fail_next(Operation::Revoke, fault.clone());
        }
        let revoked = client.revoke_token(ORG, id).await.expect("revoked");
        assert!(!revoked.already_gone, "{fault:?}");
        assert!(
            revoked
                .message
                .as_deref()
                .is_some_and(|m| m.contains("revoked")),
            "{revoked:?}"
        );
        assert!(fake.live_tokens(ORG).is_empty());
    }
}

#[tokio::test]
async fn a_404_that_no_lost_attempt_explains_stays_not_found() {
    let fake = FakeServer::start();
    let client = quick_settling_client(&fake);
    // At the first attempt.
    let error = client.revoke_token(ORG, 999).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
    let attempts = error.attempts().expect("a documented error answer");
    assert_eq!(attempts.count(), 1);
    assert!(!attempts.earlier_may_have_acted());
    // After a 503, which the server answers without acting.
    fake.fail_next(Operation::Revoke, Fault::StatusBeforeActing(503));
    let error = client.revoke_token(ORG, 999).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
    let attempts = error.attempts().expect("a documented error answer");
    assert_eq!(attempts.count(), 2);
    assert!(!attempts.earlier_may_have_acted());
    // The generated call, under the same lost attempt, gives the 404 as
    // it came, with what the runtime knows of the attempts.
    let id = live_token(&client).await;
    fake.fail_next(Operation::Revoke, Fault::CloseAfterActing);
    let error = client
        .tokens_revoke()
        .organization(ORG)
        .token_id(id)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");
    assert!(error.attempts().unwrap().earlier_may_have_acted());
}

#[tokio::test]
async fn create_token_once_settles_through_a_revoke_whose_answer_was_lost() {
    let fake = FakeServer::start();
    let client = quick_settling_client(&fake);
    // The create's answer is lost after acting; so is the answer to the
    // revoke that settles it.
    fake.fail_next(Operation::Create, Fault::CloseAfterActing);
    fake.fail_next(Operation::Revoke, Fault::CloseAfterActing);
    let created = client
        .create_token_once(ORG, CreateTokenRequest::builder().name("CI token"))
        .await
        .expect("settled, then created");
    assert_eq!(created.revoked.len(), 1, "{created:?}");
    let live = fake.live_tokens(ORG);
    assert_eq!(live.len(), 1, "{live:?}");
    assert_eq!(Some(live[0].id), created.id);
    assert!(!created.revoked.contains(&live[0].id));
    assert_eq!(fake.requests(Operation::Revoke), 2);
}
