//! A deliberately crude HTTP/1.1 server on 127.0.0.1 for what a well-behaved
//! mock server cannot do: record the exact request line, answer with bytes
//! that break the protocol, close a connection mid-body, never answer, or
//! write a body without end or a byte at a time (the hostile-server suite).
//! One connection at a time, one request per connection.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One request as it arrived: the request line, the headers and the body.
#[derive(Debug, Clone)]
pub struct RawRequest {
    pub method: String,
    /// The request target exactly as sent, e.g. `/api/v2/organizations/a%2Fb/tokens`.
    pub target: String,
    pub head: String,
    pub body: Vec<u8>,
    /// When its head had arrived.
    pub at: Instant,
}

impl RawRequest {
    /// Its header fields as they arrived, in order, each name lowercased
    /// (HTTP's names are case-insensitive).
    pub fn headers(&self) -> Vec<(String, String)> {
        self.head
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (name, value) = line.split_once(':')?;
                Some((name.to_ascii_lowercase(), value.trim().to_owned()))
            })
            .collect()
    }

    /// The value of its header field `name` (lowercase), if it has one.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers()
            .into_iter()
            .find_map(|(n, value)| (n == name).then_some(value))
    }
}

/// What the server does with a connection once it has read the request.
pub enum Reply {
    /// Write these bytes, then close.
    Bytes(Vec<u8>),
    /// Write nothing and keep the connection open until the server stops
    /// or the client hangs up.
    Silence,
    /// Write with this function, which returns when it is done or the
    /// client has gone (a write fails); then close. `stop` turns true when
    /// the server stops: a writer that would write forever checks it.
    Write(Writer),
}

/// A reply's own writer: the stream, and the server's stop flag.
pub type Writer = Box<dyn FnOnce(&mut TcpStream, &AtomicBool) + Send>;

impl Reply {
    /// A reply written by `write`.
    pub fn write(write: impl FnOnce(&mut TcpStream, &AtomicBool) + Send + 'static) -> Reply {
        Reply::Write(Box::new(write))
    }
}

pub struct RawServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RawServer {
    pub fn start(reply: impl Fn(&RawRequest) -> Reply + Send + 'static) -> RawServer {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (requests, stop) = (requests.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(mut stream) = stream else { continue };
                    let Some(request) = read_request(&mut stream) else {
                        continue;
                    };
                    requests.lock().unwrap().push(request.clone());
                    match reply(&request) {
                        Reply::Bytes(bytes) => {
                            let _ = stream.write_all(&bytes);
                            let _ = stream.flush();
                        }
                        Reply::Silence => {
                            // Until the server stops or the client hangs up
                            // (then the next connection, a retry, is read).
                            let _ = stream.set_read_timeout(Some(Duration::from_millis(20)));
                            let mut byte = [0u8; 1];
                            while !stop.load(Ordering::SeqCst) {
                                match stream.read(&mut byte) {
                                    Ok(0) => break,
                                    Ok(_) => {}
                                    Err(e)
                                        if matches!(
                                            e.kind(),
                                            std::io::ErrorKind::WouldBlock
                                                | std::io::ErrorKind::TimedOut
                                        ) => {}
                                    Err(_) => break,
                                }
                            }
                        }
                        Reply::Write(write) => write(&mut stream, &stop),
                    }
                }
            })
        };
        RawServer {
            addr,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn read_request(stream: &mut TcpStream) -> Option<RawRequest> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let at = Instant::now();
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let mut line = head.lines().next()?.split(' ');
    Some(RawRequest {
        method: line.next()?.to_owned(),
        target: line.next()?.to_owned(),
        head,
        body,
        at,
    })
}

/// An HTTP/1.1 response with a `Content-Length` that matches `body`, and the
/// given `Content-Type` (none when `None`).
pub fn response(status: u16, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        out.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}
