//! The search page in real Chromium through WebDriver: the real server binary on a free loopback
//! port, Debian's `chromium` and `chromium-driver` (nothing downloaded). Without the driver the
//! tests say so and pass, unless `NEWSDEX_REQUIRE_BROWSER` is set (as `.ci/run` does).

use crate::util::{indexed_demo, Env};
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for_port(port: u16) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn browser_available() -> bool {
    let there = std::path::Path::new(DRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    if !there {
        assert!(
            std::env::var_os("NEWSDEX_REQUIRE_BROWSER").is_none(),
            "NEWSDEX_REQUIRE_BROWSER is set but {DRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("SKIPPED: {DRIVER} or {CHROMIUM} is not installed (apt-get install chromium chromium-driver)");
    }
    there
}

/// The server on `env`'s index, Chromium driven through chromedriver, and the page's address.
struct Page {
    client: Client,
    base: String,
    _server: Killed,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

impl Page {
    async fn open(env: &Env) -> Page {
        let port = free_port();
        let server = Killed(
            env.command(&["serve", "--addr", &format!("127.0.0.1:{port}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start newsdex serve"),
        );
        let driver_port = free_port();
        let driver = Killed(
            Command::new(DRIVER)
                .arg(format!("--port={driver_port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver"),
        );
        wait_for_port(port);
        wait_for_port(driver_port);
        let profile = tempfile::tempdir().unwrap();
        let caps = serde_json::json!({"goog:chromeOptions": {"binary": CHROMIUM, "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1000",
            format!("--user-data-dir={}", profile.path().display()),
        ]}});
        let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(caps).unwrap();
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a WebDriver session");
        Page { client, base: format!("http://127.0.0.1:{port}"), _server: server, _driver: driver, _profile: profile }
    }

    /// Waits until `script` (a JavaScript expression) is true in the page.
    async fn until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            let v = self.client.execute(&format!("return !!({script});"), vec![]).await.unwrap();
            if v.as_bool() == Some(true) {
                return;
            }
            if started.elapsed() > Duration::from_secs(10) {
                self.screenshot("timeout").await;
                panic!("waited 10 s for {what}: {script}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn text(&self, script: &str) -> String {
        self.client.execute(&format!("return String({script});"), vec![]).await.unwrap().as_str().unwrap().to_string()
    }

    async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await.unwrap()).unwrap();
        path
    }
}

const FIRST_ID: &str = "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt";

#[tokio::test(flavor = "multi_thread")]
async fn search_filter_expand_open_and_go_back() {
    if !browser_available() {
        return;
    }
    let env = indexed_demo();
    let page = Page::open(&env).await;
    let c = &page.client;
    c.goto(&page.base).await.unwrap();
    // Type the query as a person would; results come as they type.
    let q = c.find(Locator::Css("#q")).await.unwrap();
    q.send_keys("Bukele deportees").await.unwrap();
    page.until("the first hit", "document.querySelector('.hit') && document.querySelector('#summary')").await;
    page.until("the query in the URL", "location.search.includes('Bukele')").await;
    assert_eq!(page.text("document.querySelector('.hit').dataset.id").await, FIRST_ID);
    assert!(page.text("document.querySelector('.hit h3').textContent").await.contains("El Salvador"));
    page.screenshot("search").await;

    // Check a person: the list and the counts narrow to what --person gives.
    let cli =
        env.json(&["search", "Bukele deportees", "--json", "--person", "Iván Espinoza-Madrigal", "--facets", "8"]);
    let before = page.text("document.querySelector('#summary').textContent").await;
    c.find(Locator::Css("[data-field=person] input[value='Iván Espinoza-Madrigal']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.until("the filtered list", "location.search.includes('person=')").await;
    let want = format!("{} articles match", cli["total_hits"]);
    page.until("the narrowed count", &format!("document.querySelector('#summary').textContent.startsWith('{want}')"))
        .await;
    assert_ne!(before, page.text("document.querySelector('#summary').textContent").await);
    let shown: Vec<String> = serde_json::from_str(
        &page.text("JSON.stringify([...document.querySelectorAll('.hit')].map(h => h.dataset.id))").await,
    )
    .unwrap();
    let cli_ids: Vec<String> =
        cli["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(shown, cli_ids);
    let org_count = &cli["facets"]["org"][0];
    let label = format!("[data-field=org] input[value='{}']", org_count["value"].as_str().unwrap());
    let shown_count = page
        .text(&format!("document.querySelector(\"{label}\").parentElement.querySelector('.count').textContent"))
        .await;
    assert_eq!(shown_count, org_count["count"].to_string(), "facet counts follow the filter");
    page.screenshot("filtered").await;

    // Expand the cluster in place.
    c.find(Locator::Css(".hit .copies summary")).await.unwrap().click().await.unwrap();
    page.until("the copies", "document.querySelector('.copies li')").await;
    assert!(page.text("document.querySelector('.copies li').textContent").await.contains("Salvador"));

    // Open the article: its repeated paragraph is shaded; back returns to the list as it was.
    let url_before = c.current_url().await.unwrap();
    c.find(Locator::Css(".hit h3 a")).await.unwrap().click().await.unwrap();
    page.until("the article", "!document.querySelector('#article').hidden && document.querySelector('#article h1')")
        .await;
    page.until("a shaded repeat", "document.querySelector('#article .passage.intra')").await;
    page.screenshot("article").await;
    let people =
        page.text("[...document.querySelectorAll('#article .chips button')].map(b => b.textContent).join('|')").await;
    assert!(people.contains("Nayib Bukele"), "{people}");
    c.back().await.unwrap();
    page.until("the list again", "!document.querySelector('#results').hidden && document.querySelector('.hit')").await;
    assert_eq!(c.current_url().await.unwrap(), url_before);
    assert!(page.text("document.querySelector('#q').value").await.contains("Bukele deportees"));
    assert!(
        page.text("document.querySelector(\"[data-field=person] input[value='Iván Espinoza-Madrigal']\").checked")
            .await
            == "true"
    );
    c.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn article_text_with_markup_is_shown_not_run() {
    if !browser_available() {
        return;
    }
    let env = Env::new();
    let hostile = serde_json::json!({"id": "hostile", "title": "Council <script>window.__ran = 1</script> vote",
        "body": "The council voted <img src=x onerror=\"window.__ran = 2\"> on the harbour plan.\n\nA second paragraph about the harbour plan.",
        "source": "<b>Bold Source</b>", "date": "2025-03-01"});
    env.write("news/hostile.json", hostile.to_string());
    env.index("news", &[]);
    let page = Page::open(&env).await;
    let c = &page.client;
    c.goto(&format!("{}/?q=harbour+plan", page.base)).await.unwrap();
    page.until("the hit", "document.querySelector('.hit')").await;
    assert!(page.text("document.querySelector('.hit h3').textContent").await.contains("<script>"));
    assert!(page.text("document.querySelector('.hit .snippet').textContent").await.contains("onerror="));
    c.goto(&format!("{}/?article=hostile", page.base)).await.unwrap();
    page.until("the article", "document.querySelector('#article h1')").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(page.text("typeof window.__ran").await, "undefined", "article markup ran");
    assert_eq!(page.text("document.querySelectorAll('#article img, #article script, .hit img').length").await, "0");
    page.screenshot("escaped").await;
    c.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn phone_width_and_keyboard_alone() {
    if !browser_available() {
        return;
    }
    let env = indexed_demo();
    let page = Page::open(&env).await;
    let c = &page.client;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&page.base).await.unwrap();
    // "/" focuses the box from anywhere; Enter searches.
    c.execute("document.activeElement.blur(); document.body.focus();", vec![]).await.unwrap();
    c.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
    page.until("the box focused", "document.activeElement.id === 'q'").await;
    c.find(Locator::Css("#q")).await.unwrap().send_keys("copper strike\u{E007}").await.unwrap();
    page.until("results", "document.querySelector('.hit')").await;
    let overflow = page.text("document.documentElement.scrollWidth > window.innerWidth + 1").await;
    assert_eq!(overflow, "false", "the page is wider than a phone");
    page.screenshot("phone").await;
    c.clone().close().await.unwrap();
}
