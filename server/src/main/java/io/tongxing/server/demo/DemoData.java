package io.tongxing.server.demo;

import io.tongxing.server.Services;
import io.tongxing.server.account.CreditCodes;
import io.tongxing.server.community.Communities;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Messages;
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

/**
 * Demo data for one region — Beijing (110000) by default, or Langfang (131000) in the two-region demo:
 * its districts, two risky districts, residents in every colour, an enterprise, community staff, an
 * officer and an admin; and the pass workflow end to end: the corridor {@value #CORRIDOR} (Beijing and
 * Langfang, model WORK_COMMUTE), the enterprise admitted to it, the green resident as its employee
 * with an approved, issued commuter pass, and a checkpoint on the corridor with the officer bound to
 * it; a residential community where the first three residents live, which the community staff serve.
 * Seeding is idempotent: what exists already is left alone.
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  public static final String CORRIDOR = "beijing-langfang";
  static final String STAFF_PASSWORD = "Demo-Staff-2020";
  static final String RESIDENT_PASSWORD = "Demo-Resident-2020";

  /** A resident: who, with what check-in today (a visit {@code visitDaysAgo} days ago, if any), and flag. */
  record DemoResident(String name, String phone, String idFirst17, String story, double temperature, List<String> symptoms,
                      String visited, int visitDaysAgo, String flag) {
    String idNumber() {
      return idFirst17 + ResidentIdNumbers.checkCharacter(idFirst17);
    }

    JsonObject checkIn(LocalDate today) {
      JsonObject checkIn = new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray(List.copyOf(symptoms)));
      return visited == null ? checkIn
        : checkIn.put("visits", new JsonArray().add(visit(visited, today.minusDays(visitDaysAgo))));
    }
  }

  /** What differs between the demo regions. The first resident is green and commutes on the corridor. */
  public enum DemoRegion {
    BEIJING("110000", districts("110101", "东城区", "110102", "西城区", "110105", "朝阳区", "110106", "丰台区",
        "110107", "石景山区", "110108", "海淀区", "110109", "门头沟区", "110111", "房山区", "110112", "通州区",
        "110113", "顺义区", "110114", "昌平区", "110115", "大兴区", "110116", "怀柔区", "110117", "平谷区",
        "110118", "密云区", "110119", "延庆区"),
      "110106", "110113", "北京通行示范科技有限公司", "91110105MA01HK8T3",
      List.of(
        resident("张伟", "13800000001", "11010119900307123", "green: normal check-in", 36.5, null, 0, null, "NONE"),
        resident("李娜", "13800000002", "11010219880512234", "yellow: fever at check-in", 38.2, null, 0, null, "FEVER", "COUGH"),
        resident("王芳", "13800000003", "11010519920815345", "yellow: visited medium-risk 丰台区", 36.6, "110106", 3, null, "NONE"),
        resident("刘洋", "13800000004", "11010619850120456", "red: close contact", 36.4, null, 0, "CLOSE_CONTACT", "NONE"),
        resident("陈静", "13800000005", "11010819950630567", "red: visited high-risk 顺义区", 36.7, "110113", 2, null, "NONE")),
      "tongzhou-east", "通州东检查站", "Tongzhou East checkpoint", "110112", "京哈高速白庙（进京方向）",
      "110101001001", "东华门街道多福巷社区"),
    LANGFANG("131000", districts("131002", "安次区", "131003", "广阳区", "131022", "固安县", "131023", "永清县",
        "131024", "香河县", "131025", "大城县", "131026", "文安县", "131028", "大厂回族自治县", "131081", "霸州市",
        "131082", "三河市"),
      "131003", "131081", "廊坊通行示范物流有限公司", "91131082MA0CX7N4K",
      List.of(
        resident("赵磊", "13900000001", "13108219910214135", "green: normal check-in (lives in 燕郊, 三河市)", 36.5, null, 0, null,
          "NONE"),
        resident("孙丽", "13900000002", "13100219890923246", "yellow: fever at check-in", 38.1, null, 0, null, "FEVER"),
        resident("周敏", "13900000003", "13102219930511348", "yellow: visited medium-risk 广阳区", 36.6, "131003", 3, null, "NONE"),
        resident("吴刚", "13900000004", "13102819870726459", "red: close contact", 36.4, null, 0, "CLOSE_CONTACT", "NONE"),
        resident("郑爽", "13900000005", "13102419960118560", "red: visited high-risk 霸州市", 36.7, "131081", 2, null, "NONE")),
      "yanjiao-west", "燕郊西检查站", "Yanjiao West checkpoint", "131082", "潮白河大桥燕郊侧（出京方向）",
      "131082100001", "燕郊镇燕顺路社区");

    final String code;
    final Map<String, String> districts;
    final String mediumRisk;
    final String highRisk;
    final String enterpriseName;
    private final String enterpriseFirst17;
    final List<DemoResident> residents;
    final String checkpoint;
    final String checkpointZh;
    final String checkpointEn;
    final String checkpointRegion;
    final String checkpointLocation;
    final String community;
    final String communityName;

    DemoRegion(String code, Map<String, String> districts, String mediumRisk, String highRisk, String enterpriseName,
               String enterpriseFirst17, List<DemoResident> residents, String checkpoint, String checkpointZh, String checkpointEn,
               String checkpointRegion, String checkpointLocation, String community, String communityName) {
      this.code = code;
      this.districts = districts;
      this.mediumRisk = mediumRisk;
      this.highRisk = highRisk;
      this.enterpriseName = enterpriseName;
      this.enterpriseFirst17 = enterpriseFirst17;
      this.residents = residents;
      this.checkpoint = checkpoint;
      this.checkpointZh = checkpointZh;
      this.checkpointEn = checkpointEn;
      this.checkpointRegion = checkpointRegion;
      this.checkpointLocation = checkpointLocation;
      this.community = community;
      this.communityName = communityName;
    }

    /** Whether a server of this region can hold the demo: the corridor must include its region. */
    public static boolean fits(String regionCode) {
      return regionCode != null && (regionCode.startsWith("11") || regionCode.startsWith("1310"));
    }

    /** The demo data for a region code: Langfang's for 131000 (or one of its counties), Beijing's otherwise. */
    public static DemoRegion of(String regionCode) {
      return regionCode != null && regionCode.startsWith("1310") ? LANGFANG : BEIJING;
    }

    public String enterpriseCode() {
      return enterpriseFirst17 + CreditCodes.checkCharacter(enterpriseFirst17);
    }

    /** The green resident, employee of the enterprise, holder of the commuter pass. */
    public String commuterPhone() {
      return residents.get(0).phone();
    }

    public String commuterName() {
      return residents.get(0).name();
    }

    public String checkpointId() {
      return checkpoint;
    }

    public String checkpointRegion() {
      return checkpointRegion;
    }

    /** The community the demo's community staff serve; the first three residents live there. */
    public String community() {
      return community;
    }
  }

  private final Services services;
  private final Clock clock;
  private final ZoneId zone;
  private final DemoRegion region;

  public DemoData(Services services, Clock clock, ZoneId zone) {
    this(services, clock, zone, DemoRegion.BEIJING);
  }

  public DemoData(Services services, Clock clock, ZoneId zone, DemoRegion region) {
    this.services = services;
    this.clock = clock;
    this.zone = zone;
    this.region = region;
  }

  public DemoRegion region() {
    return region;
  }

  public Future<Void> seed() {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> district : region.districts.entrySet()) {
      chain = chain.compose(v -> services.counties().ensure(district.getKey(), district.getValue()));
    }
    return chain
      .compose(v -> staff(Role.ADMIN, "admin", "区域管理员（演示）"))
      .compose(adminId -> {
        Principal admin = new Principal(adminId, Role.ADMIN);
        return staff(Role.OFFICER, "officer", "卡口执勤人员（演示）")
          .compose(officer -> staff(Role.COMMUNITY_STAFF, "community", "社区工作人员（演示）")
            .compose(communityStaff -> community(admin, communityStaff))
            .compose(v -> enterprise())
            .compose(v -> riskLevel(adminId, region.mediumRisk, RiskLevel.MEDIUM))
            .compose(v -> riskLevel(adminId, region.highRisk, RiskLevel.HIGH))
            .compose(v -> residents(admin))
            .compose(v -> neighbours())
            .compose(v -> corridor(admin))
            .compose(v -> commuterPass(admin))
            .compose(v -> checkpoint(admin, officer)));
      })
      .onSuccess(v -> LOG.info("demo data present"));
  }

  /** What the start-up banner prints. */
  public String logins() {
    StringBuilder text = new StringBuilder("\n  Demo logins (POST /api/v1/auth/login {\"login\": ..., \"password\": ...})\n");
    text.append(String.format("    %-22s %-20s %s%n", "admin", STAFF_PASSWORD, "ADMIN"));
    text.append(String.format("    %-22s %-20s %s%n", "officer", STAFF_PASSWORD, "OFFICER (bound to checkpoint " + region.checkpoint + ")"));
    text.append(String.format("    %-22s %-20s %s%n", "community", STAFF_PASSWORD, "COMMUNITY_STAFF of " + region.communityName + " ("
      + region.community + ")"));
    text.append(String.format("    %-22s %-20s %s%n", region.enterpriseCode(), STAFF_PASSWORD, "ENTERPRISE " + region.enterpriseName));
    for (DemoResident resident : region.residents) {
      text.append(String.format("    %-22s %-20s %s%n", resident.phone(), RESIDENT_PASSWORD,
        "RESIDENT " + resident.name() + " — " + resident.story()
          + (resident == region.residents.get(0) ? "; commuter pass on " + CORRIDOR : "")));
    }
    return text.append("  (demo accounts only; the one-time codes of the demo sender appear in the log)\n").toString();
  }

  /**
   * The pass side of the demo, for the banner: the corridor, the commuter's pass and where to fetch
   * its QR, and the checkpoint with a fresh one-time enrollment code (issued now: each start prints a
   * new one).
   */
  public Future<String> walkthrough(String base) {
    return admin().compose(admin -> services.devices().issueCode(admin, region.checkpoint, "demo start-up")
      .compose(code -> commuterPass().map(pass -> {
        StringBuilder text = new StringBuilder("\n  Corridor     " + CORRIDOR + " (regions 110000, 131000; model WORK_COMMUTE: "
          + "employer's work letter + green code, so the demo approved its application at start-up;\n"
          + "               new applications wait for a reviewer, whatever the model;\n"
          + "               ONE_LETTER_ONE_CARD_ONE_PERMIT would also need 14 days of normal check-ins and a community permit)\n");
        text.append("  Enterprise   ").append(region.enterpriseName).append(' ').append(region.enterpriseCode())
          .append(", admitted to the corridor\n");
        text.append("  Commuter     ").append(region.commuterName()).append(" (login ").append(region.commuterPhone())
          .append(" / ").append(RESIDENT_PASSWORD).append(")");
        if (usable(pass)) {
          text.append(", pass ").append(pass.getString("id")).append(" (").append(pass.getString("state")).append(")\n");
          text.append("    pass QR      GET ").append(base).append("/api/v1/me/passes/").append(pass.getString("id")).append("/qr.png\n");
        } else {
          // Only what still holds: a revoked or expired pass has no QR (409), so none is advertised.
          text.append(pass == null ? ", no pass\n" : ", pass " + pass.getString("id") + " is " + pass.getString("state")
            + " — no QR to scan; apply and approve again in the console (#/applications, #/review)\n");
        }
        text.append("    health code  GET ").append(base).append("/api/v1/me/health-code/qr.png   (with that resident's bearer token)\n");
        text.append("  Checkpoint   ").append(region.checkpoint).append(' ').append(region.checkpointZh).append(" (")
          .append(region.checkpointRegion).append(", on ").append(CORRIDOR).append("), officer `officer` bound to it\n");
        text.append("    enrollment code ").append(code.getString("code")).append(" (one-time, valid until ")
          .append(code.getString("expiresAt")).append(");\n")
          .append("    a new one: POST ").append(base).append("/api/v1/admin/checkpoints/").append(region.checkpoint)
          .append("/enrollment-codes {\"reason\": \"...\"} as admin\n");
        return text.toString();
      })));
  }

  /** The commuter's newest pass ({@code id}, {@code state}, ...), or null when there is none. */
  public Future<JsonObject> commuterPass() {
    return services.accounts().findResident(null, region.commuterPhone())
      .compose(resident -> services.passes().passes().mine(new Principal(resident, Role.RESIDENT), Messages.CHINESE))
      .map(passes -> passes.isEmpty() ? null : passes.getJsonObject(0));
  }

  /** A pass whose QR can still be fetched and shown (a suspended one shows, and a checkpoint says why it stops). */
  public static boolean usable(JsonObject pass) {
    return pass != null && ("VALID".equals(pass.getString("state")) || "SUSPENDED".equals(pass.getString("state")));
  }

  private Future<Principal> admin() {
    return existingAccount("admin").map(id -> new Principal(id, Role.ADMIN));
  }

  private Future<UUID> staff(Role role, String username, String displayName) {
    return existingAccount(username).compose(existing -> existing != null ? Future.succeededFuture(existing)
      : services.accounts().createStaffBySystem(role, username, displayName, STAFF_PASSWORD, "demo data"));
  }

  private Future<Void> enterprise() {
    return existingAccount(region.enterpriseCode()).compose(existing -> existing != null ? Future.<Void>succeededFuture()
      : services.accounts().registerEnterprise(new JsonObject()
        .put("name", region.enterpriseName).put("creditCode", region.enterpriseCode()).put("password", STAFF_PASSWORD))
        .mapEmpty());
  }

  /** The demo community, and the community staff assigned to it (assigning again changes nothing). */
  private Future<Void> community(Principal admin, UUID communityStaff) {
    var communities = services.passes().communities();
    return communities.list()
      .compose(all -> all.stream().anyMatch(c -> region.community.equals(((JsonObject) c).getString("code")))
        ? Future.<Void>succeededFuture()
        : communities.create(admin, new JsonObject().put("code", region.community).put("name", region.communityName)
          .put("reason", "demo data")).mapEmpty())
      .compose(v -> Communities.ofStaff(services.pool(), communityStaff).map(c -> c.getString("code"))
        .otherwise((String) null))
      .compose(assigned -> region.community.equals(assigned) ? Future.<Void>succeededFuture()
        : communities.assignStaff(admin, communityStaff, new JsonObject().put("communityCode", region.community)
          .put("reason", "demo data")).mapEmpty());
  }

  /** The first three residents live in the demo community (declaring it again changes nothing). */
  private Future<Void> neighbours() {
    var communities = services.passes().communities();
    Future<Void> chain = Future.succeededFuture();
    for (DemoResident resident : region.residents.subList(0, 3)) {
      chain = chain.compose(v -> services.accounts().findResident(null, resident.phone()))
        .compose(id -> communities.ofResident(id).compose(current -> current != null ? Future.<Void>succeededFuture()
          : communities.declare(new Principal(id, Role.RESIDENT), new JsonObject().put("communityCode", region.community))
            .mapEmpty()));
    }
    return chain;
  }

  private Future<Void> riskLevel(UUID admin, String county, RiskLevel level) {
    return services.counties().hasRiskLevel(county).compose(has -> has ? Future.<Void>succeededFuture()
      : services.counties().record(admin, Role.ADMIN.name(), county, level, clock.instant().minus(java.time.Duration.ofDays(7)),
        "demo data"));
  }

  private Future<Void> residents(Principal admin) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    Future<Void> chain = Future.succeededFuture();
    for (DemoResident resident : region.residents) {
      chain = chain.compose(v -> services.accounts().findResident(null, resident.phone())
        .map(id -> false)
        .recover(e -> notFound(e) ? Future.succeededFuture(true) : Future.failedFuture(e))
        .compose(missing -> !missing ? Future.<Void>succeededFuture()
          : services.accounts().createVerifiedResident(resident.name(), resident.idNumber(), resident.phone(), RESIDENT_PASSWORD)
            .compose(id -> services.checkIns().submit(new Principal(id, Role.RESIDENT), resident.checkIn(today))
              .compose(c -> resident.flag() == null ? Future.<Void>succeededFuture()
                : services.persons().setFlag(admin, id, new JsonObject()
                  .put("flag", resident.flag()).put("reason", "demo data")).mapEmpty()))));
    }
    return chain;
  }

  private Future<Void> corridor(Principal admin) {
    return services.passes().corridors().get(CORRIDOR).<Void>mapEmpty()
      .recover(e -> !notFound(e) ? Future.failedFuture(e)
        : services.passes().corridors().create(admin, new JsonObject().put("id", CORRIDOR).put("nameZh", "京廊通勤通道")
            .put("nameEn", "Beijing–Langfang commute").put("regions", new JsonArray().add("110000").add("131000"))
            .put("model", "WORK_COMMUTE").put("validityDays", 30).put("reason", "demo data: 京廊联防联控"))
          .mapEmpty())
      // Admitting an admitted enterprise again changes nothing.
      .compose(v -> services.passes().corridors().admit(admin, CORRIDOR,
        new JsonObject().put("creditCode", region.enterpriseCode()).put("reason", "demo data")))
      .mapEmpty();
  }

  /** The green resident as the enterprise's employee, with a work letter, an application and its approval. */
  private Future<Void> commuterPass(Principal admin) {
    DemoResident commuter = region.residents.get(0);
    return commuterPass().compose(pass -> pass != null ? Future.<Void>succeededFuture()
      : existingAccount(region.enterpriseCode()).compose(enterpriseId -> {
        Principal enterprise = new Principal(enterpriseId, Role.ENTERPRISE);
        var passes = services.passes();
        return employee(enterprise, commuter)
          .compose(employee -> passes.documents().issue(enterprise, new JsonObject().put("kind", "WORK_LETTER")
              .put("employeeId", employee))
            .compose(letter -> passes.applications().ofEnterprise(enterprise, "SUBMITTED", 50))
            .compose(pending -> {
              // An application left waiting by an interrupted start is approved, not submitted again.
              for (Object item : pending) {
                JsonObject application = (JsonObject) item;
                if (employee.equals(application.getJsonObject("employee", new JsonObject()).getString("id"))
                  || employee.equals(application.getString("employeeId"))) {
                  return Future.succeededFuture(application);
                }
              }
              return passes.applications().submit(enterprise, new JsonObject().put("employeeId", employee)
                .put("corridorId", CORRIDOR).put("note", "demo data"));
            }))
          .compose(application -> passes.issuance().approve(admin, UUID.fromString(application.getString("id")),
            "demo data: 材料齐全"))
          .mapEmpty();
      }));
  }

  /** The employee record of {@code resident} at the enterprise: the existing one, or a new one. */
  private Future<String> employee(Principal enterprise, DemoResident resident) {
    String masked = ResidentIdNumbers.mask(resident.idNumber());
    return services.passes().employees().list(enterprise, null, 100).compose(page -> {
      for (Object item : page.getJsonArray("employees")) {
        JsonObject employee = (JsonObject) item;
        if (masked.equals(employee.getString("maskedIdNumber")) && "ACTIVE".equals(employee.getString("state"))) {
          return Future.succeededFuture(employee.getString("id"));
        }
      }
      return services.passes().employees().add(enterprise, new JsonObject().put("name", resident.name())
        .put("idNumber", resident.idNumber())).map(added -> added.getString("id"));
    });
  }

  /** The checkpoint on the corridor, with its first policy, and the officer bound to it. */
  private Future<Void> checkpoint(Principal admin, UUID officer) {
    var checkpoints = services.checkpoints();
    return checkpoints.view(region.checkpoint).<Void>mapEmpty()
      .recover(e -> !notFound(e) ? Future.failedFuture(e)
        : checkpoints.register(admin, new JsonObject().put("id", region.checkpoint).put("nameZh", region.checkpointZh)
            .put("nameEn", region.checkpointEn).put("region", region.checkpointRegion).put("corridorId", CORRIDOR)
            .put("location", region.checkpointLocation).put("direction", "BOTH")
            .put("policy", new JsonObject()
              .put("acceptedKinds", new JsonArray().add("HEALTH_CODE").add("COMMUTER_PASS"))
              .put("acceptedColours", new JsonArray().add("GREEN"))
              .put("holderProof", "OPTIONAL").put("maxStatusAgeSeconds", 3600))
            .put("reason", "demo data: 京廊通勤卡口"))
          .mapEmpty())
      // Binding a bound officer again changes nothing.
      .compose(v -> checkpoints.bindOfficer(admin, region.checkpoint, officer, "demo data"))
      .mapEmpty();
  }

  private Future<UUID> existingAccount(String username) {
    return services.accounts().accountByUsername(username);
  }

  private static boolean notFound(Throwable e) {
    return e instanceof ApiException && ((ApiException) e).status() == 404;
  }

  private static DemoResident resident(String name, String phone, String idFirst17, String story, double temperature,
                                       String visited, int visitDaysAgo, String flag, String... symptoms) {
    return new DemoResident(name, phone, idFirst17, story, temperature, List.of(symptoms), visited, visitDaysAgo, flag);
  }

  private static JsonObject visit(String county, LocalDate date) {
    return new JsonObject().put("countyCode", county).put("date", date.toString());
  }

  private static Map<String, String> districts(String... codesAndNames) {
    Map<String, String> d = new LinkedHashMap<>();
    for (int i = 0; i < codesAndNames.length; i += 2) {
      d.put(codesAndNames[i], codesAndNames[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(d);
  }
}
