package io.tongxing.server.demo;

import io.tongxing.server.Services;
import io.tongxing.server.account.CreditCodes;
import io.tongxing.server.account.ResidentIdNumbers;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.rules.RiskLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Demo data for Beijing (110000): its sixteen districts, two risky districts, residents in every
 * colour, an enterprise, community staff, an officer and an admin. Seeding is idempotent: what
 * exists already is left alone.
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** Beijing's sixteen districts (GB/T 2260). */
  public static final Map<String, String> DISTRICTS = districts();

  static final String STAFF_PASSWORD = "Demo-Staff-2020";
  static final String RESIDENT_PASSWORD = "Demo-Resident-2020";
  static final String ENTERPRISE_NAME = "北京通行示范科技有限公司";
  static final String ENTERPRISE_CODE = "91110105MA01HK8T3" + CreditCodes.checkCharacter("91110105MA01HK8T3");
  static final String MEDIUM_RISK_DISTRICT = "110106";
  static final String HIGH_RISK_DISTRICT = "110113";

  private record DemoResident(String name, String phone, String idFirst17, String story,
                              Function<LocalDate, JsonObject> checkIn, String flag) {
    String idNumber() {
      return idFirst17 + ResidentIdNumbers.checkCharacter(idFirst17);
    }
  }

  private static final List<DemoResident> RESIDENTS = List.of(
    new DemoResident("张伟", "13800000001", "11010119900307123", "green: normal check-in",
      today -> checkIn(36.5, "NONE"), null),
    new DemoResident("李娜", "13800000002", "11010219880512234", "yellow: fever at check-in",
      today -> checkIn(38.2, "FEVER", "COUGH"), null),
    new DemoResident("王芳", "13800000003", "11010519920815345", "yellow: visited medium-risk 丰台区",
      today -> checkIn(36.6, "NONE").put("visits", new JsonArray().add(visit(MEDIUM_RISK_DISTRICT, today.minusDays(3)))), null),
    new DemoResident("刘洋", "13800000004", "11010619850120456", "red: close contact",
      today -> checkIn(36.4, "NONE"), "CLOSE_CONTACT"),
    new DemoResident("陈静", "13800000005", "11010819950630567", "red: visited high-risk 顺义区",
      today -> checkIn(36.7, "NONE").put("visits", new JsonArray().add(visit(HIGH_RISK_DISTRICT, today.minusDays(2)))), null));

  private final Services services;
  private final Clock clock;
  private final ZoneId zone;

  public DemoData(Services services, Clock clock, ZoneId zone) {
    this.services = services;
    this.clock = clock;
    this.zone = zone;
  }

  public Future<Void> seed() {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> district : DISTRICTS.entrySet()) {
      chain = chain.compose(v -> services.counties().ensure(district.getKey(), district.getValue()));
    }
    return chain
      .compose(v -> staff(Role.ADMIN, "admin", "区域管理员（演示）"))
      .compose(admin -> staff(Role.OFFICER, "officer", "卡口执勤人员（演示）")
        .compose(v -> staff(Role.COMMUNITY_STAFF, "community", "社区工作人员（演示）"))
        .compose(v -> enterprise())
        .compose(v -> riskLevel(admin, MEDIUM_RISK_DISTRICT, RiskLevel.MEDIUM))
        .compose(v -> riskLevel(admin, HIGH_RISK_DISTRICT, RiskLevel.HIGH))
        .compose(v -> residents(new Principal(admin, Role.ADMIN))))
      .onSuccess(v -> LOG.info("demo data present"));
  }

  /** What the start-up banner prints. */
  public String logins() {
    StringBuilder text = new StringBuilder("\n  Demo logins (POST /api/v1/auth/login {\"login\": ..., \"password\": ...})\n");
    text.append(String.format("    %-22s %-20s %s%n", "admin", STAFF_PASSWORD, "ADMIN"));
    text.append(String.format("    %-22s %-20s %s%n", "officer", STAFF_PASSWORD, "OFFICER"));
    text.append(String.format("    %-22s %-20s %s%n", "community", STAFF_PASSWORD, "COMMUNITY_STAFF"));
    text.append(String.format("    %-22s %-20s %s%n", ENTERPRISE_CODE, STAFF_PASSWORD, "ENTERPRISE " + ENTERPRISE_NAME));
    for (DemoResident resident : RESIDENTS) {
      text.append(String.format("    %-22s %-20s %s%n", resident.phone(), RESIDENT_PASSWORD,
        "RESIDENT " + resident.name() + " — " + resident.story()));
    }
    return text.append("  (demo accounts only; the one-time codes of the demo sender appear in the log)\n").toString();
  }

  private Future<UUID> staff(Role role, String username, String displayName) {
    return existingAccount(username).compose(existing -> existing != null ? Future.succeededFuture(existing)
      : services.accounts().createStaffBySystem(role, username, displayName, STAFF_PASSWORD, "demo data"));
  }

  private Future<Void> enterprise() {
    return existingAccount(ENTERPRISE_CODE).compose(existing -> existing != null ? Future.<Void>succeededFuture()
      : services.accounts().registerEnterprise(new JsonObject()
        .put("name", ENTERPRISE_NAME).put("creditCode", ENTERPRISE_CODE).put("password", STAFF_PASSWORD)).mapEmpty());
  }

  private Future<Void> riskLevel(UUID admin, String county, RiskLevel level) {
    return services.counties().hasRiskLevel(county).compose(has -> has ? Future.<Void>succeededFuture()
      : services.counties().record(admin, Role.ADMIN.name(), county, level, clock.instant().minus(java.time.Duration.ofDays(7)),
        "demo data"));
  }

  private Future<Void> residents(Principal admin) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    Future<Void> chain = Future.succeededFuture();
    for (DemoResident resident : RESIDENTS) {
      chain = chain.compose(v -> services.accounts().findResident(null, resident.phone())
        .map(id -> false)
        .recover(e -> e instanceof ApiException && ((ApiException) e).status() == 404
          ? Future.succeededFuture(true) : Future.failedFuture(e))
        .compose(missing -> !missing ? Future.<Void>succeededFuture()
          : services.accounts().createVerifiedResident(resident.name(), resident.idNumber(), resident.phone(), RESIDENT_PASSWORD)
            .compose(id -> services.checkIns().submit(new Principal(id, Role.RESIDENT), resident.checkIn().apply(today))
              .compose(c -> resident.flag() == null ? Future.<Void>succeededFuture()
                : services.persons().setFlag(admin, id, new JsonObject()
                  .put("flag", resident.flag()).put("reason", "demo data")).mapEmpty()))));
    }
    return chain;
  }

  private Future<UUID> existingAccount(String username) {
    return services.accounts().accountByUsername(username);
  }

  private static JsonObject checkIn(double temperature, String... symptoms) {
    return new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray(List.of((Object[]) symptoms)));
  }

  private static JsonObject visit(String county, LocalDate date) {
    return new JsonObject().put("countyCode", county).put("date", date.toString());
  }

  private static Map<String, String> districts() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("110101", "东城区");
    d.put("110102", "西城区");
    d.put("110105", "朝阳区");
    d.put("110106", "丰台区");
    d.put("110107", "石景山区");
    d.put("110108", "海淀区");
    d.put("110109", "门头沟区");
    d.put("110111", "房山区");
    d.put("110112", "通州区");
    d.put("110113", "顺义区");
    d.put("110114", "昌平区");
    d.put("110115", "大兴区");
    d.put("110116", "怀柔区");
    d.put("110117", "平谷区");
    d.put("110118", "密云区");
    d.put("110119", "延庆区");
    return java.util.Collections.unmodifiableMap(d);
  }
}
