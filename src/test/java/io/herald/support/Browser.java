package io.herald.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser for end-to-end tests of Herald's web pages: one headless Chromium per test class, driven through
 * Selenium. Register it on a test class (typically an {@link IntegrationTestBase}, which serves the pages on its
 * random port) as a static field, so that it lives as long as the class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = new Browser();
 * </pre>
 *
 * <p>
 * Composition rather than a base class, so a browser test can extend whichever base it needs. One browser per class
 * (not per test) because starting Chromium costs about a second; each test starts at desktop width with the console
 * log of earlier tests discarded. Chromium gets a fresh profile and home directory in a temporary directory, deleted
 * after the class, so runs never share cookies, storage or caches and the user's own home is left alone.
 *
 * <p>
 * It uses Debian's {@code chromium} and {@code chromium-driver} at fixed paths, which {@code .ci/run} installs when
 * missing; when either is absent the class's tests are skipped (an assumption, not a failure), so a developer without
 * them can still run the suite. Selenium Manager, which would otherwise look for (and download) a browser and driver
 * over the internet, is never consulted: the driver service gets the driver's path and the options the browser's,
 * and as a guard the {@code SE_OFFLINE} / {@code SE_AVOID_STATS} settings it would read are set too.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** A common phone's CSS viewport (iPhone 12 to 15). */
	public static final Dimension PHONE = new Dimension(390, 844);

	/** A small laptop's viewport. */
	public static final Dimension DESKTOP = new Dimension(1280, 800);

	/** How long the wait helpers wait unless told otherwise. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Where {@link #screenshot(String)} saves (relative to the project, Surefire's working directory): under target/
	 * on every run, so a test run never changes tracked files; into docs/screenshots, for the README, when run with
	 * {@code -Dherald.screenshots=docs}.
	 */
	public static final Path SCREENSHOTS = "docs".equals(System.getProperty("herald.screenshots"))
			? Path.of("docs", "screenshots") : Path.of("target", "screenshots");

	/**
	 * Everything Chromium would do on its own besides showing our pages is turned off: no GPU, sandbox or shared
	 * memory (unavailable or too small in containers), no background updates, sync or first-run dialogs (which would
	 * reach the internet or add noise to the console log).
	 */
	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
			"--disable-dev-shm-usage");

	/**
	 * Selenium warns at every start that it has no Chrome DevTools Protocol bindings for this Chromium version
	 * ({@code selenium-devtools-vNNN}): the tests use only WebDriver itself, which does not depend on the version, so
	 * the warning would only send readers looking for a missing dependency. Held here because the JDK keeps loggers
	 * only weakly.
	 */
	private static final List<Logger> QUIETED = List.of(quiet("org.openqa.selenium.devtools.CdpVersionFinder"),
			quiet("org.openqa.selenium.chromium.ChromiumDriver"));

	private final List<String> consoleErrors = new ArrayList<>();

	private ChromeDriverService service;

	private ChromeDriver driver;

	/** Chromium's profile and home, deleted after the class. */
	private Path temp;

	private String viewport;

	/** What the window has besides the viewport: headless Chromium simulates a toolbar's height. */
	private Dimension decorations = new Dimension(0, 0);

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		if (!available()) {
			// skipped test by test in beforeEach: Surefire does not count or show a class skipped as a whole
			return;
		}
		// Selenium Manager is skipped because the paths are given; should it ever run, it must not go online
		System.setProperty("SE_OFFLINE", "true");
		System.setProperty("SE_AVOID_STATS", "true");
		temp = Files.createTempDirectory("herald-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments(FLAGS);
		options.addArguments("--user-data-dir=" + Files.createDirectory(temp.resolve("profile")),
				"--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		// a home of its own too: Chromium keeps crash reports and GTK settings there, outside the profile
		Path home = Files.createDirectory(temp.resolve("home"));
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
					"XDG_CACHE_HOME", home.resolve(".cache").toString()))
			.build();
		try {
			driver = new ChromeDriver(service, options);
		}
		catch (RuntimeException e) {
			quit();
			throw e;
		}
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().window().setSize(DESKTOP);
		Dimension inner = viewportSize();
		decorations = new Dimension(DESKTOP.getWidth() - inner.getWidth(), DESKTOP.getHeight() - inner.getHeight());
		desktop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		assumeTrue(available(), () -> "Debian's chromium and chromium-driver are not installed (" + CHROMIUM + ", "
				+ CHROMEDRIVER + "): browser test skipped. .ci/run installs them; locally: "
				+ "sudo apt-get install chromium chromium-driver");
		if (driver == null) {
			throw new IllegalStateException("register the Browser in a static @RegisterExtension field: it starts once "
					+ "per test class, before all its tests");
		}
		desktop();
		drainConsole();
		consoleErrors.clear();
	}

	/** Whether the browser and its driver are installed. */
	public static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		quit();
	}

	/** The underlying Selenium driver, for what the helpers here do not cover. */
	public WebDriver driver() {
		return driver;
	}

	/**
	 * Signs in on the server at {@code base} (e.g. {@code http://localhost:8080}) through its sign-in page, as a
	 * person would, and waits for the page it lands on. Any earlier session of this browser is signed out first.
	 */
	public Browser signIn(String base, String username, String password) {
		open(base + "/login");
		// cookies are per site: delete this server's, then load the sign-in page afresh
		driver.manage().deleteAllCookies();
		open(base + "/login");
		var name = waitFor("#username");
		name.clear();
		name.sendKeys(username);
		driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
		driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
		waiting(TIMEOUT).until(d -> !d.getCurrentUrl().contains("/login"));
		return this;
	}

	/** Loads the URL and waits until the page has loaded (the load event). */
	public Browser open(String url) {
		driver.get(url);
		return this;
	}

	/**
	 * Makes the viewport (not the window) a phone's, {@link #PHONE} CSS pixels; screenshots are then named
	 * {@code <name>-phone.png}. Only the size: the user agent stays a desktop one and there are no touch events.
	 */
	public Browser phone() {
		return resize(PHONE, "phone");
	}

	/**
	 * Makes the viewport a desktop's, {@link #DESKTOP}, as every test starts; screenshots are then named
	 * {@code <name>-desktop.png}.
	 */
	public Browser desktop() {
		return resize(DESKTOP, "desktop");
	}

	private Browser resize(Dimension size, String name) {
		driver.manage()
			.window()
			.setSize(new Dimension(size.getWidth() + decorations.getWidth(),
					size.getHeight() + decorations.getHeight()));
		viewport = name;
		return this;
	}

	/** The page's viewport in CSS pixels ({@code innerWidth} × {@code innerHeight}). */
	public Dimension viewportSize() {
		List<?> size = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
		return new Dimension(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue());
	}

	/** Waits (up to {@link #TIMEOUT}) until an element matching the CSS selector is visible, and returns it. */
	public WebElement waitFor(String cssSelector) {
		return waitFor(cssSelector, TIMEOUT);
	}

	public WebElement waitFor(String cssSelector, Duration timeout) {
		return waitFor(By.cssSelector(cssSelector), timeout);
	}

	public WebElement waitFor(By locator, Duration timeout) {
		return waiting(timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	/** Waits (up to {@link #TIMEOUT}) until the page's visible text contains the text. */
	public Browser waitForText(String text) {
		return waitForText(text, TIMEOUT);
	}

	public Browser waitForText(String text, Duration timeout) {
		waiting(timeout).withMessage(() -> "text \"" + text + "\" on " + driver.getCurrentUrl())
			.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
		return this;
	}

	/**
	 * Waits up to {@code timeout} until an element with this test id ({@code data-testid}) reads exactly the text;
	 * on failure the message quotes the page's text.
	 */
	public Browser waitForTestId(String testId, String text, Duration timeout) {
		waiting(timeout)
			.withMessage(() -> "[data-testid=" + testId + "] to read \"" + text + "\"; the page says: " + bodyText())
			.until(d -> d.findElements(By.cssSelector("[data-testid=" + testId + "]"))
				.stream()
				.anyMatch(e -> e.getText().equals(text)));
		return this;
	}

	/**
	 * The text of the first element with this test id ({@code data-testid}), once there (up to {@code timeout}); read
	 * again should a live update replace it meanwhile.
	 */
	public String testIdText(String testId, Duration timeout) {
		return waiting(timeout)
			.withMessage("[data-testid=" + testId + "]")
			.until(d -> d.findElements(By.cssSelector("[data-testid=" + testId + "]"))
				.stream()
				.findFirst()
				.map(WebElement::getText)
				.orElse(null));
	}

	/** The page's visible text. */
	public String bodyText() {
		return driver.findElement(By.tagName("body")).getText();
	}

	/** Runs the JavaScript in the page ({@code arguments[i]} are the args) and returns what it returns. */
	public Object script(String js, Object... args) {
		return driver.executeScript(js, args);
	}

	/**
	 * A wait that polls the page; the page may be replaced (navigation) while it does. Chromium then reports an
	 * element of the old page as stale or, depending on the moment, as an "unknown error" (a node that "does not
	 * belong to the document"): both mean "look again". A real failure still ends the wait, with the last error as
	 * its cause, when the time is up.
	 */
	public WebDriverWait waiting(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
		wait.ignoring(StaleElementReferenceException.class, org.openqa.selenium.WebDriverException.class);
		return wait;
	}

	/**
	 * Saves the viewport as {@code <SCREENSHOTS>/<name>-<phone|desktop>.png}, for the documentation and for looking
	 * at what a test saw.
	 */
	public Path screenshot(String name) {
		Path file = SCREENSHOTS.resolve(name + "-" + viewport + ".png");
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return file;
	}

	/**
	 * Runs axe-core (the engine behind Lighthouse's and Deque's accessibility audits) in the current page and returns
	 * its violations of WCAG 2.1 A and AA, one line each ({@code rule (impact): help - elements}); a page that passes
	 * has none. Checked this way: names and labels of controls, colour contrast, landmarks and headings, language,
	 * ARIA use. Not checked: anything that needs a person (whether a label is helpful, the reading order makes sense).
	 */
	@SuppressWarnings("unchecked")
	public List<String> accessibilityViolations() {
		try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
			}
			JavascriptExecutor js = (JavascriptExecutor) driver;
			js.executeScript(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
			Object result = js.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
					  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' - '
					    + v.nodes.map(n => n.target.join(' ')).join(', '))))
					  .catch(e => done(['axe failed: ' + e]));""");
			return List.copyOf((List<String>) result);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The SEVERE entries of the browser's console log since the test started: uncaught JavaScript errors,
	 * {@code console.error} calls and failed requests (resources answered 4xx/5xx, refused by the
	 * Content-Security-Policy, or unreachable). A page that works has none.
	 */
	public List<String> consoleErrors() {
		drainConsole();
		return List.copyOf(consoleErrors);
	}

	/** Chromium hands out each console entry once; keep the severe ones. */
	private void drainConsole() {
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				consoleErrors.add(entry.getMessage());
			}
		}
	}

	private void quit() {
		try {
			if (driver != null) {
				driver.quit();
			}
		}
		finally {
			driver = null;
			if (service != null) {
				service.stop();
				service = null;
			}
			if (temp != null) {
				delete(temp);
				temp = null;
			}
		}
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	/** Best effort: a Chromium helper process still exiting may write into the profile while it is deleted. */
	private static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException e) {
			// left for the system's temp cleanup
		}
	}

}
