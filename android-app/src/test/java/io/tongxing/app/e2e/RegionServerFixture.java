package io.tongxing.app.e2e;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpTransport;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.account.CreditCodes;
import io.tongxing.server.auth.OneTimeCodeSender;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.http.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real region server for the app's tests: the server module's own code on an embedded PostgreSQL (one
 * per test JVM, migrated once), on a free port, with a clock the test shares with the app. Admin work
 * (checkpoints, enrollment codes, flags) goes through the server's HTTP API like the admin console's.
 */
public final class RegionServerFixture {
    /** 10:00 in Beijing. */
    public static final Instant START = Instant.parse("2026-03-15T02:00:00Z");

    private static EmbeddedDatabase database;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One region on one database: every server of the test run shares its keys, as the nodes of a region do. */
    private static final KeyMaterial KEYS = KeyMaterial.random(RANDOM);

    public final MutableClock clock = new MutableClock(START);
    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> inbox = new ConcurrentHashMap<>();
    private final RegionServer server;
    public final String baseUrl;
    private final ApiClient api;
    private String adminToken;

    private RegionServerFixture() {
        JsonObject json = ConfigLoader.defaults();
        json.getJsonObject("http").put("port", 0).put("instances", 1);
        json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
        // Argon2 at OWASP strength costs ~50 ms a login; these tests log in often.
        json.getJsonObject("auth").put("argon2",
                new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
        OneTimeCodeSender sms = (phone, code, purpose) -> {
            inbox.put(phone, code);
            return Future.succeededFuture();
        };
        Dependencies deps = new Dependencies(connectOptions(), KEYS, clock, RANDOM, sms,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Collections.emptyList());
        server = RegionServer.start(vertx, new ServerConfig(json), deps).await();
        baseUrl = "http://127.0.0.1:" + server.port();
        api = new ApiClient(UrlConnectionTransport.to(baseUrl), () -> Locale.ENGLISH);
    }

    public static RegionServerFixture start() {
        return new RegionServerFixture();
    }

    public void stop() {
        server.stop().await();
        vertx.close().await();
    }

    private static synchronized PgConnectOptions connectOptions() {
        if (database == null) {
            try {
                Path dir = Files.createTempDirectory("tongxing-app-e2e-pg");
                database = EmbeddedDatabase.start(dir.resolve("pg"), 0, "tongxing", false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Database.migrate(database.connectOptions());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        }
        return database.connectOptions();
    }

    /** The SMS code last sent to {@code phone}. */
    public String smsCodeFor(String phone) {
        String code = inbox.get(phone);
        if (code == null) {
            throw new IllegalStateException("no code was sent to " + phone);
        }
        return code;
    }

    /** A resident registered through the API: their session, mobile number, password, ID number and account id. */
    public record Resident(AccountSession session, String phone, String password, String idNumber, String accountId) {
    }

    /** Registers a resident born on {@code born} (yyyyMMdd) with a new mobile number, from a phone of their own. */
    public Resident register(String name, String born) throws IOException, ServerRefusedException {
        return register(new AccountSession(new ApiClient(UrlConnectionTransport.to(baseUrl), () -> Locale.ENGLISH),
                new MemorySecureStore(), "resident-session", XmlLocalizer.inEnglish()), name, born);
    }

    /** Registers a resident through {@code session} (a phone's own), which is then logged in as them. */
    public Resident register(AccountSession session, String name, String born) throws IOException, ServerRefusedException {
        String mobile = "13" + String.format("%09d", RANDOM.nextInt(1_000_000_000));
        String first17 = "110105" + born + String.format("%03d", RANDOM.nextInt(1000));
        String idNumber = first17 + ResidentIdNumbers.checkCharacter(first17);
        String password = "Resident-pass-" + mobile;
        session.requestRegistrationCode(mobile);
        session.registerResident(name, idNumber, mobile, password, smsCodeFor(mobile));
        afterAMinute();
        return new Resident(session, mobile, password, idNumber, session.accountId().get());
    }

    /** Codes are limited to one a minute per phone. */
    public void afterAMinute() {
        clock.advance(Duration.ofSeconds(61));
    }

    // ---- admin work, through the API ----

    /** A staff account of {@code role}, made by the system as at installation; returns its login name. */
    public String staff(Role role, String password) {
        String username = "staff" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        server.services().accounts().createStaffBySystem(role, username, "测试" + role, password, "test").await();
        return username;
    }

    public String staffId(String username) {
        List<Map<String, Object>> rows = query("select id::text as id from accounts where username = ?", username);
        return (String) rows.get(0).get("id");
    }

    private synchronized String admin() throws IOException, ServerRefusedException {
        if (adminToken == null) {
            String password = "Admin-pass-0123";
            String username = staff(Role.ADMIN, password);
            Map<String, Object> login = new LinkedHashMap<>();
            login.put("login", username);
            login.put("password", password);
            adminToken = (String) api.call("POST", "/api/v1/auth/login", login).get("accessToken");
        }
        return adminToken;
    }

    /** An admin call; fails the test on anything but success. */
    public Map<String, Object> asAdmin(String method, String path, Map<String, Object> body) {
        try {
            return as(admin(), method, path, body);
        } catch (IOException | ServerRefusedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** A call with {@code accessToken} that the server must refuse (4xx): the refusal's code. */
    public String refused(String accessToken, String method, String path, Map<String, Object> body) {
        try {
            HttpTransport.Response response = api.send(method, path,
                    Collections.singletonMap("Authorization", "Bearer " + accessToken), ApiClient.encode(body));
            ApiClient.json(response);
            throw new IllegalStateException(method + " " + path + " was not refused: HTTP " + response.status());
        } catch (ServerRefusedException e) {
            return e.code();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** What the enterprise sees of its listing {@code employeeId}: its row of {@code GET /enterprise/employees}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> listing(String enterpriseToken, String employeeId) {
        for (Object row : (List<Object>) as(enterpriseToken, "GET", "/api/v1/enterprise/employees", null).get("employees")) {
            if (employeeId.equals(((Map<String, Object>) row).get("id"))) {
                return (Map<String, Object>) row;
            }
        }
        throw new IllegalStateException("the enterprise does not list " + employeeId);
    }

    /** A credit code of GB 32100's form: {@code first17} and its check character. */
    public static String creditCode(String first17) {
        return first17 + CreditCodes.checkCharacter(first17);
    }

    /** A call with {@code accessToken}; fails the test on anything but success. */
    public Map<String, Object> as(String accessToken, String method, String path, Map<String, Object> body) {
        try {
            HttpTransport.Response response = api.send(method, path,
                    Collections.singletonMap("Authorization", "Bearer " + accessToken), ApiClient.encode(body));
            boolean object = response.body().length > 0 && response.body()[0] == '{';
            if (response.status() / 100 == 2 && !object) {
                return Collections.emptyMap(); // a list (the checkpoint's officers, say): the tests need none
            }
            return ApiClient.json(response);
        } catch (IOException | ServerRefusedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Registers a checkpoint in Tongzhou (110112) and binds a new officer to it; returns the officer's login. */
    public String checkpointWithOfficer(String checkpointId, String officerPassword) {
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("id", checkpointId);
        checkpoint.put("nameZh", "通州检查站");
        checkpoint.put("nameEn", "Tongzhou checkpoint");
        checkpoint.put("region", "110112");
        checkpoint.put("location", "京哈高速通州收费站");
        checkpoint.put("direction", "INBOUND");
        checkpoint.put("reason", "app end-to-end test");
        asAdmin("POST", "/api/v1/admin/checkpoints", checkpoint);
        String officer = staff(Role.OFFICER, officerPassword);
        asAdmin("PUT", "/api/v1/admin/checkpoints/" + checkpointId + "/officers/" + staffId(officer),
                Collections.<String, Object>singletonMap("reason", "on duty"));
        return officer;
    }

    public String enrollmentCode(String checkpointId) {
        return (String) asAdmin("POST", "/api/v1/admin/checkpoints/" + checkpointId + "/enrollment-codes",
                Collections.<String, Object>singletonMap("reason", "new phone")).get("code");
    }

    /** Flags a person as a confirmed case: their colour turns red and their green codes are revoked. */
    public void confirmCase(String personId) {
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("flag", "CONFIRMED");
        flag.put("reason", "确诊病例 2026-031");
        asAdmin("POST", "/api/v1/admin/persons/" + personId + "/flags", flag);
    }

    // ---- passes, through the API as docs/passes.md walks through them ----

    /** An enterprise's credit code and access token. */
    public record Enterprise(String creditCode, String token) {
    }

    /** Registers an enterprise with a fresh credit code and logs it in. */
    public Enterprise enterprise() throws IOException, ServerRefusedException {
        return enterprise("通行测试物流有限公司");
    }

    /** Registers an enterprise named {@code name} with a fresh credit code and logs it in. */
    public Enterprise enterprise(String name) throws IOException, ServerRefusedException {
        StringBuilder code = new StringBuilder("91110108");
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 9; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        code.append(CreditCodes.checkCharacter(code.toString()));
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", name);
        registration.put("creditCode", code.toString());
        registration.put("password", "Enterprise-pass-1");
        api.call("POST", "/api/v1/enterprises", registration);
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("login", code.toString());
        login.put("password", "Enterprise-pass-1");
        return new Enterprise(code.toString(), (String) api.call("POST", "/api/v1/auth/login", login).get("accessToken"));
    }

    /** A corridor of {@code model} between Tongzhou (110112) and Sanhe (131082), with the enterprise admitted. */
    public String corridor(String model, Enterprise enterprise) {
        String id = "c-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        Map<String, Object> corridor = new LinkedHashMap<>();
        corridor.put("id", id);
        corridor.put("nameZh", "京冀通勤");
        corridor.put("nameEn", "Beijing–Hebei commute");
        corridor.put("regions", List.of("110112", "131082"));
        corridor.put("model", model);
        corridor.put("validityDays", 30);
        corridor.put("reason", "app end-to-end test");
        asAdmin("POST", "/api/v1/admin/corridors", corridor);
        asAdmin("POST", "/api/v1/admin/corridors/" + id + "/enterprises",
                Collections.<String, Object>singletonMap("creditCode", enterprise.creditCode()));
        return id;
    }

    /** The enterprise employs the resident; returns the employee id. */
    public String employ(String enterpriseToken, String name, String idNumber) {
        Map<String, Object> employee = new LinkedHashMap<>();
        employee.put("name", name);
        employee.put("idNumber", idNumber);
        return (String) as(enterpriseToken, "POST", "/api/v1/enterprise/employees", employee).get("id");
    }

    public void workLetter(String enterpriseToken, String employeeId) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("kind", "WORK_LETTER");
        letter.put("employeeId", employeeId);
        as(enterpriseToken, "POST", "/api/v1/enterprise/documents", letter);
    }

    /** The enterprise applies; returns the application's id. */
    public String apply(String enterpriseToken, String employeeId, String corridorId) {
        return (String) as(enterpriseToken, "POST", "/api/v1/enterprise/pass-applications",
                application(employeeId, corridorId)).get("id");
    }

    /** An application's body, for {@link #refused} too. */
    public static Map<String, Object> application(String employeeId, String corridorId) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("employeeId", employeeId);
        application.put("corridorId", corridorId);
        return application;
    }

    /** A reviewer approves; returns the issued pass's id. */
    @SuppressWarnings("unchecked")
    public String approve(String applicationId) {
        Map<String, Object> approved = asAdmin("POST", "/api/v1/admin/pass-applications/" + applicationId + "/approval",
                Collections.<String, Object>singletonMap("reason", "材料齐全"));
        return (String) ((Map<String, Object>) approved.get("pass")).get("id");
    }

    // ---- looking at the database ----

    public static List<Map<String, Object>> query(String sql, Object... args) {
        PgConnectOptions options = connectOptions();
        try (Connection c = DriverManager.getConnection(Database.jdbcUrl(options), options.getUser(),
                options.getPassword()); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new java.util.ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
