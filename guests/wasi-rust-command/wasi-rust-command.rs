// Rust 1.63 command guest (std only, no crates), adapted with jco's preview1 command adapter: exercises
// wasi:cli (args, environment, stdin/stdout/stderr, exit), wasi:clocks (monotonic via Instant, wall via
// SystemTime) and wasi:filesystem (std::fs in a preopened directory) through Rust's std.
//   wasi-rust-command [--dir DIR] [--big BYTES] [--exit N] [ARGS...]
// Prints only facts that are the same on every conforming host: no times, no host paths.
use std::io::{Read, Write};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const ENV_NAMES: [&str; 3] = ["GREETING", "EMPTY", "UNICODE"];

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn files(dir: &str, big_len: u32) -> Result<(), String> {
    let e = |what: &str| {
        let what = what.to_string();
        move |err: std::io::Error| format!("{}: {:?}", what, err.kind())
    };
    let sub = format!("{}/rust-sub", dir);
    std::fs::create_dir(&sub).map_err(e("create_dir"))?;
    let a = format!("{}/a.txt", sub);
    std::fs::write(&a, b"alpha\n").map_err(e("write a"))?;
    {
        let mut f = std::fs::OpenOptions::new().append(true).open(&a).map_err(e("open append"))?;
        f.write_all(b"beta\n").map_err(e("append"))?;
    }
    let text = std::fs::read_to_string(&a).map_err(e("read a"))?;
    println!("fs read a.txt len={} text={:?}", text.len(), text);
    let big: Vec<u8> = (0..big_len).map(|i| (i % 251) as u8).collect();
    let b = format!("{}/b.bin", sub);
    std::fs::write(&b, &big).map_err(e("write b"))?;
    let back = std::fs::read(&b).map_err(e("read b"))?;
    println!("fs b.bin len={} fnv={:08x} same={}", back.len(), fnv1a(&back), back == big);
    let meta = std::fs::metadata(&b).map_err(e("metadata"))?;
    println!("fs b.bin is_file={} is_dir={} len={}", meta.is_file(), meta.is_dir(), meta.len());
    std::fs::rename(&b, format!("{}/c.bin", sub)).map_err(e("rename"))?;
    let mut names: Vec<String> = std::fs::read_dir(&sub)
        .map_err(e("read_dir"))?
        .map(|d| d.map(|d| d.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .map_err(e("dir entry"))?;
    names.sort();
    println!("fs list rust-sub={:?}", names);
    match std::fs::read(format!("{}/missing.txt", sub)) {
        Ok(_) => println!("fs missing: found?!"),
        Err(err) => println!("fs missing: {:?}", err.kind()),
    }
    match std::fs::remove_dir(&sub) {
        Ok(_) => println!("fs remove non-empty dir: ok?!"),
        Err(_) => println!("fs remove non-empty dir: refused"),
    }
    std::fs::remove_file(&a).map_err(e("remove a"))?;
    std::fs::remove_file(format!("{}/c.bin", sub)).map_err(e("remove c"))?;
    std::fs::remove_dir(&sub).map_err(e("remove_dir"))?;
    println!("fs removed rust-sub exists={}", std::path::Path::new(&sub).exists());
    std::fs::write(format!("{}/kept-by-rust.txt", dir), b"kept\n").map_err(e("write kept"))?;
    let mut top: Vec<String> = std::fs::read_dir(dir)
        .map_err(e("read_dir top"))?
        .map(|d| d.map(|d| d.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .map_err(e("dir entry"))?;
    top.sort();
    println!("fs list top={:?}", top);
    Ok(())
}

fn main() {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    println!("argc={}", args.len());
    for (i, a) in args.iter().enumerate().skip(1) {
        println!("argv[{}]={:?}", i, a);
    }
    for name in ENV_NAMES {
        match std::env::var(name) {
            Ok(v) => println!("env {}={:?}", name, v),
            Err(_) => println!("env {} unset", name),
        }
    }
    match std::env::current_dir() {
        Ok(d) => println!("cwd={}", d.display()),
        Err(err) => println!("cwd error {:?}", err.kind()),
    }
    let mut input = Vec::new();
    match std::io::stdin().read_to_end(&mut input) {
        Ok(n) => println!(
            "stdin len={} n={} lines={} fnv={:08x}",
            input.len(),
            n,
            input.iter().filter(|b| **b == b'\n').count(),
            fnv1a(&input)
        ),
        Err(err) => println!("stdin error {:?}", err.kind()),
    }
    eprintln!("rust guest to stderr");
    let elapsed = start.elapsed();
    println!("elapsed>=0={}", elapsed >= std::time::Duration::ZERO);
    let later = Instant::now();
    println!("monotonic non-decreasing={}", later >= start);
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => println!("after-2020={}", d.as_secs() > 1_577_836_800),
        Err(_) => println!("after-2020=false (before epoch)"),
    }
    let (mut exit, mut dir, mut big_len) = (0, None, 40_000u32);
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dir" => dir = Some(it.next().expect("--dir DIR")),
            "--big" => big_len = it.next().expect("--big BYTES").parse().expect("byte count"),
            "--exit" => exit = it.next().expect("--exit N").parse().expect("exit code"),
            _ => {}
        }
    }
    if let Some(dir) = dir {
        match files(dir, big_len) {
            Ok(()) => println!("fs ok"),
            Err(msg) => {
                println!("fs failed: {}", msg);
                exit = 3;
            }
        }
    }
    println!("exiting with {}", exit);
    std::io::stdout().flush().unwrap();
    std::process::exit(exit);
}
