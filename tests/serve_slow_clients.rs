//! `pmo serve` against clients that hold connections without finishing a request
//! (slowloris): each held connection cost a task and a file descriptor for as long as the
//! client liked, so with `--bind 0.0.0.0` any machine on the network could open enough
//! to leave serve without descriptors. A request's headers must now arrive within a few
//! seconds, and an idle kept-alive connection is closed as well, while the live-reload
//! stream (a response that never ends) stays open.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::server::Server;
use common::Site;

/// Far above the server's limit, far below "for ever": only that the server closes
/// the connection at all is asserted, not when.
const PATIENCE: Duration = Duration::from_secs(30);

/// Reads until the server closes `stream`; returns what it sent, or panics after
/// [`PATIENCE`] with the connection still open.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let deadline = Instant::now() + PATIENCE;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            !left.is_zero(),
            "serve kept the connection open for {PATIENCE:?}"
        );
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!("serve kept the connection open for {PATIENCE:?}")
            }
            // Closed with data unread on its side: closed all the same.
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return got,
            Err(e) => panic!("reading from serve: {e}"),
        }
    }
}

fn connect(server: &Server) -> TcpStream {
    TcpStream::connect(("127.0.0.1", server.port)).unwrap()
}

#[test]
fn a_request_whose_headers_never_finish_is_closed() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);

    // Half a request line; half a request with a header left open.
    let mut line = connect(&server);
    line.write_all(b"GET /lessons/ HT").unwrap();
    let mut headers = connect(&server);
    headers
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
        .unwrap();
    // A connection that sends nothing at all.
    let mut silent = connect(&server);

    // Meanwhile others are answered.
    assert_eq!(server.get("/").0, 200);

    let slow = std::thread::spawn(move || {
        // A byte now and then does not keep a request alive for ever.
        for _ in 0..40 {
            if headers.write_all(b"b").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        panic!("serve kept reading a trickled header for 40 s");
    });
    read_until_closed(&mut line);
    read_until_closed(&mut silent);
    slow.join().unwrap();
    assert_eq!(server.get("/lessons/").0, 200);
}

#[test]
fn an_idle_kept_alive_connection_is_closed_and_the_reload_stream_stays() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();

    // One request answered, the connection kept alive, then nothing more.
    let mut idle = connect(&server);
    idle.write_all(b"GET /css/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let got = String::from_utf8_lossy(&read_until_closed(&mut idle)).into_owned();
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");

    // The reload stream outlived the idle connection, and still tells of a save.
    site.write("static/css/style.css", "body { color: #654321; }\n");
    let data = events.wait_for("css");
    assert!(data.contains("css/style.css"), "{data}");
}
