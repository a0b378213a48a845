//! One `Client` under load: many `tokens_list` calls in flight at once
//! against the crate's own fake server (feature `fake`), beside bare
//! reqwest making the same GET with the same bearer and parsing the same
//! typed list, against the same server, in alternating rounds. The fake
//! server runs in this process, so its time is in both sides alike.
//!
//! ```text
//! cargo bench -p quantcdn-tokens --features fake --bench load
//! ```
//!
//! Prints, per round, wall and CPU time (user + system, of the whole
//! process) of each side, then the medians and their ratio, ours over
//! reqwest's, and the process's peak resident memory. `LOAD_CALLS`
//! (default 20000), `LOAD_CONCURRENCY` (128) and `LOAD_ROUNDS` (5) change
//! the load; `LOAD_ONLY=ours` (or `reqwest`) runs one side alone, for a
//! profiler. No target is asserted: the figures go in the guide.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use quantcdn_tokens::fake::FakeServer;
use quantcdn_tokens::types::TokenSummary;
use quantcdn_tokens::{Client, bearer_headers};

const ORGANIZATION: &str = "test-org";
/// Tokens in the organization: the list each call reads.
const TOKENS: usize = 10;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The user and system time of this process so far, from
/// `/proc/self/stat` (Linux; `None` elsewhere), in clock ticks of 10 ms.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The process's peak resident memory, from `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One side: how it makes one call, and how its calls went.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Ours,
    Reqwest,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Ours => "quantcdn-tokens",
            Side::Reqwest => "reqwest alone",
        }
    }
}

struct Target {
    client: Client,
    raw: reqwest::Client,
    url: String,
}

impl Target {
    async fn call(&self, side: Side) -> Result<usize, String> {
        match side {
            Side::Ours => self
                .client
                .tokens_list()
                .organization(ORGANIZATION)
                .send()
                .await
                .map(|list| list.len())
                .map_err(|e| e.to_string()),
            Side::Reqwest => {
                let response = self
                    .raw
                    .get(&self.url)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !response.status().is_success() {
                    return Err(response.status().to_string());
                }
                let bytes = response.bytes().await.map_err(|e| e.to_string())?;
                let tokens: Vec<TokenSummary> =
                    serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
                Ok(tokens.len())
            }
        }
    }
}

/// `calls` calls of `side`, `concurrency` at a time; the wall and CPU
/// time they took, and how many failed.
fn round(
    runtime: &tokio::runtime::Runtime,
    target: &Arc<Target>,
    side: Side,
    calls: usize,
    concurrency: usize,
) -> (Duration, Option<Duration>, usize) {
    let cpu = cpu_time();
    let started = Instant::now();
    let failed = runtime.block_on(async {
        let next = Arc::new(AtomicUsize::new(0));
        let failed = Arc::new(AtomicUsize::new(0));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..concurrency {
            let (target, next, failed) = (target.clone(), next.clone(), failed.clone());
            workers.spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    match target.call(side).await {
                        Ok(n) if n == TOKENS => {}
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
        while workers.join_next().await.is_some() {}
        failed.load(Ordering::Relaxed)
    });
    let wall = started.elapsed();
    let cpu = cpu.zip(cpu_time()).map(|(before, after)| after - before);
    (wall, cpu, failed)
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    let calls = setting("LOAD_CALLS", 20_000);
    let concurrency = setting("LOAD_CONCURRENCY", 128).max(1);
    let rounds = setting("LOAD_ROUNDS", 5).max(1);
    let fake = FakeServer::start();
    for n in 0..TOKENS {
        fake.insert_token(ORGANIZATION, &format!("token {n}"));
    }
    let client = fake.client_builder().build().expect("a client of the fake");
    let raw = reqwest::Client::builder()
        .default_headers(bearer_headers(&fake.api_token()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = format!(
        "{}/api/v2/organizations/{ORGANIZATION}/tokens",
        fake.base_url()
    );
    let target = Arc::new(Target { client, raw, url });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let only = std::env::var("LOAD_ONLY").ok();
    let sides: Vec<(usize, Side)> = [Side::Ours, Side::Reqwest]
        .into_iter()
        .enumerate()
        .filter(|(_, side)| match only.as_deref() {
            Some("ours") => *side == Side::Ours,
            Some("reqwest") => *side == Side::Reqwest,
            _ => true,
        })
        .collect();
    // Warm each side: connections made, code paged in.
    for &(_, side) in &sides {
        round(&runtime, &target, side, calls.min(1000), concurrency);
    }
    println!("{calls} tokens_list calls, {concurrency} at a time, {rounds} alternating rounds");
    let mut walls = [Vec::new(), Vec::new()];
    let mut cpus = [Vec::new(), Vec::new()];
    for n in 1..=rounds {
        for &(i, side) in &sides {
            let (wall, cpu, failed) = round(&runtime, &target, side, calls, concurrency);
            println!(
                "round {n}  {:<16} wall {:>7.3} s  cpu {:>7}  failed {failed}",
                side.name(),
                wall.as_secs_f64(),
                cpu.map_or("-".to_owned(), |c| format!("{:.2} s", c.as_secs_f64()))
            );
            walls[i].push(wall);
            if let Some(cpu) = cpu {
                cpus[i].push(cpu);
            }
        }
    }
    if sides.len() < 2 {
        return;
    }
    // The ratio of each round's pair, whose two sides ran one after the
    // other: less of the machine's drift than the ratio of the medians.
    let pair_ratio = |[ours, raw]: &[Vec<Duration>; 2]| {
        let mut ratios: Vec<f64> = ours
            .iter()
            .zip(raw)
            .map(|(o, r)| o.as_secs_f64() / r.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    };
    let ratio = pair_ratio(&walls);
    let [our_wall, raw_wall] = walls.map(median);
    println!(
        "median wall: ours {:.3} s, reqwest {:.3} s: {:.2}x (median of the rounds' ratios {ratio:.2}x)",
        our_wall.as_secs_f64(),
        raw_wall.as_secs_f64(),
        our_wall.as_secs_f64() / raw_wall.as_secs_f64()
    );
    if cpus.iter().all(|c| c.len() == rounds) {
        let ratio = pair_ratio(&cpus);
        let [our_cpu, raw_cpu] = cpus.map(median);
        println!(
            "median cpu:  ours {:.2} s, reqwest {:.2} s: {:.2}x (median of the rounds' ratios {ratio:.2}x)",
            our_cpu.as_secs_f64(),
            raw_cpu.as_secs_f64(),
            our_cpu.as_secs_f64() / raw_cpu.as_secs_f64()
        );
    }
    if let Some(peak) = peak_rss_kib() {
        println!("peak resident memory of the process: {} MiB", peak / 1024);
    }
}
