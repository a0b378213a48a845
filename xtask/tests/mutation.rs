//! A fixed-seed slice of the mutation campaign (`cargo xtask mutate`): 300
//! specs derived from ours and the companion shapes, each generated and
//! checked for panic traces, runs over 10 s, output that does not parse
//! and refusals that name no place. Alone in its binary: the campaign
//! counts panic traces with a process-wide hook.

use xtask::mutate::{Tally, campaign, own_bases};

const SEED: u64 = 2026;
const RUNS: usize = 300;

fn failures(tally: &Tally) -> String {
    tally
        .failures
        .iter()
        .map(|f| format!("seed {SEED} {f}\n"))
        .collect()
}

#[test]
fn a_fixed_seed_slice_of_the_campaign_finds_nothing() {
    let tally = campaign(&own_bases(), SEED, 0, RUNS, &|_| {});
    assert_eq!(tally.runs, RUNS);
    // The mutations reach both outcomes, or the slice proves little.
    assert!(
        tally.generated >= RUNS / 10 && tally.refused >= RUNS / 10,
        "{} generated, {} refused",
        tally.generated,
        tally.refused
    );
    assert_eq!(tally.panic_traces, 0, "{}", failures(&tally));
    assert_eq!(tally.slow, 0, "{}", failures(&tally));
    assert_eq!(tally.unparsable, 0, "{}", failures(&tally));
    assert_eq!(tally.refusals_without_place, 0, "{}", failures(&tally));
    assert!(tally.failures.is_empty(), "{}", failures(&tally));
}
