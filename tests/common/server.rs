//! A running `pmo serve` for tests, with a plain HTTP/1.1 client and an event-stream
//! reader written on std's sockets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
    /// Everything the server wrote to stderr so far, line by line.
    pub log: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `pmo serve` on `root` and waits until it listens.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        Server::start_with(root, args, &[])
    }

    /// [`Server::start`] with environment variables set for the server.
    pub fn start_with(root: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pmo"))
            .arg("--root")
            .arg(root)
            .arg("serve")
            .args(args)
            .env("PMO_LANG", "en")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (log_tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = log_tx.send(line);
            }
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed no address");
        // "serving http://…/" in English, "正在提供 http://…/" in Chinese.
        let url = line[line.find("http://").expect(&line)..].trim_end_matches('/');
        let port = url.rsplit(':').next().unwrap().parse().unwrap();
        Server { child, port, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET `path`: the status code, the headers (lowercased names) and the body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        self.get_as(path, "127.0.0.1")
    }

    /// [`Server::get`] with the `Host:` header a browser would send for `host`.
    pub fn get_as(&self, path: &str, host: &str) -> (u16, String, String) {
        self.get_with(path, host, &[])
    }

    /// [`Server::get_as`] with more request headers (`("Sec-Fetch-Site", "cross-site")`).
    pub fn get_with(
        &self,
        path: &str,
        host: &str,
        headers: &[(&str, &str)],
    ) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let more: String = headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{more}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head.to_lowercase(), body.to_string())
    }

    pub fn body(&self, path: &str) -> String {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}");
        body
    }

    /// Subscribes to the live-reload events, past the greeting.
    pub fn events(&self) -> Events {
        let events = self.connect();
        let (name, _) = events.next();
        assert_eq!(name, "hello");
        events
    }

    /// What a browser connecting now is told first (the build's state).
    pub fn hello(&self) -> String {
        let (name, data) = self.connect().next();
        assert_eq!(name, "hello");
        data
    }

    /// Waits up to 10 s for a line of the server's log containing `text`.
    pub fn log_line(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Ok(line) = self
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.contains(text) {
                return line;
            }
        }
        panic!("serve logged no line with `{text}`");
    }

    fn connect(&self) -> Events {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut writer = stream.try_clone().unwrap();
        write!(
            writer,
            "GET /__pmo/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((name.clone(), data.to_string())).is_err() {
                        break;
                    }
                }
            }
        });
        Events { rx }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Events {
    rx: mpsc::Receiver<(String, String)>,
}

impl Events {
    /// The next event: its name and data.
    pub fn next(&self) -> (String, String) {
        self.rx
            .recv_timeout(Duration::from_secs(30))
            .expect("no event from serve within 30 s")
    }

    /// Waits for an event named `name`, skipping others; returns its data.
    pub fn wait_for(&self, name: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name => return data,
                Ok(_) => continue,
                Err(_) => panic!("no `{name}` event from serve within 30 s"),
            }
        }
    }

    /// The events that arrive within `wait`.
    pub fn drain(&self, wait: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + wait;
        let mut out = Vec::new();
        while let Ok(e) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            out.push(e);
        }
        out
    }
}
