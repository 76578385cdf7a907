package io.tongxing.server.pass;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The people and places of the pass workflow, made through the API of a test server: admins,
 * enterprises, community staff, residents, corridors, communities, and the proofs between them.
 * Logins happen on demand, since tests move the clock past the access tokens' lifetime.
 */
public final class PassWorld {

  private static final SecureRandom RANDOM = new SecureRandom();

  public final TestServer server;
  private final Login admin;

  public record Login(UUID accountId, String login, String password) {
  }

  public PassWorld(TestServer server) {
    this.server = server;
    this.admin = staff(Role.ADMIN);
  }

  public String admin() {
    return token(admin);
  }

  public String token(Login login) {
    return server.login(login.login(), login.password()).getString("accessToken");
  }

  public String token(Resident resident) {
    return server.accessToken(resident);
  }

  public Login staff(Role role) {
    String username = Fixtures.username();
    String password = "Staff-pass-" + username;
    UUID id = server.server.services().accounts().createStaffBySystem(role, username, "测试" + role, password, "test").await();
    return new Login(id, username, password);
  }

  public Login enterprise() {
    String code = Fixtures.creditCode();
    String password = "Enterprise-pass-1";
    Reply reply = server.post("/api/v1/enterprises", null, new JsonObject().put("name", "通行测试物流有限公司").put("creditCode", code)
      .put("password", password));
    expect(201, reply);
    return new Login(UUID.fromString(reply.json().getString("accountId")), code, password);
  }

  /** A resident with a three-character name, as a pass shows it masked. */
  public Resident resident() {
    return server.registerResident();
  }

  public String corridor(String model, List<String> regions, int validityDays) {
    String id = "t-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
    expect(201, server.post("/api/v1/admin/corridors", admin(), new JsonObject().put("id", id).put("nameZh", "测试通道")
      .put("nameEn", "Test corridor").put("regions", new JsonArray(regions)).put("model", model)
      .put("validityDays", validityDays)));
    return id;
  }

  public void admit(String corridor, Login enterprise) {
    expect(200, server.post("/api/v1/admin/corridors/" + corridor + "/enterprises", admin(),
      new JsonObject().put("creditCode", enterprise.login())));
  }

  public String employee(Login enterprise, Resident resident) {
    Reply reply = server.post("/api/v1/enterprise/employees", token(enterprise), new JsonObject().put("name", resident.name())
      .put("idNumber", resident.idNumber()));
    expect(201, reply);
    return reply.json().getString("id");
  }

  public JsonObject document(Login enterprise, String kind, String employee) {
    Reply reply = server.post("/api/v1/enterprise/documents", token(enterprise), new JsonObject().put("kind", kind)
      .put("employeeId", employee));
    expect(201, reply);
    return reply.json();
  }

  /** Community staff and the community they are assigned to. */
  record Staff(Login login, String community) {
  }

  /** A new community in 朝阳区 (110105) with one staff member assigned to it. */
  Staff communityWithStaff() {
    String code = "110105" + String.format("%06d", RANDOM.nextInt(1_000_000));
    expect(201, server.post("/api/v1/admin/communities", admin(), new JsonObject().put("code", code).put("name", "测试社区")));
    Login staff = staff(Role.COMMUNITY_STAFF);
    expect(200, server.put("/api/v1/admin/staff/" + staff.accountId() + "/community", admin(),
      new JsonObject().put("communityCode", code)));
    return new Staff(staff, code);
  }

  /** The resident declares the staff's community, and the staff issue them a permit. */
  JsonObject permit(Staff staff, Resident resident) {
    expect(200, server.put("/api/v1/me/community", token(resident), new JsonObject().put("communityCode", staff.community())));
    Reply reply = server.post("/api/v1/community/permits", token(staff.login()), new JsonObject().put("idNumber", resident.idNumber()));
    expect(201, reply);
    return reply.json();
  }

  JsonObject commitment(Resident resident) {
    Reply reply = server.post("/api/v1/me/commitments", token(resident), new JsonObject().put("accept", true));
    expect(201, reply);
    return reply.json();
  }

  /** A normal check-in on each of {@code days} days, ending yesterday. */
  void normalCheckIns(Resident resident, int days) {
    for (int i = 0; i < days; i++) {
      expect(201, server.post("/api/v1/me/check-ins", token(resident),
        new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"))));
      server.clock.advance(Duration.ofDays(1));
    }
  }

  public Reply apply(Login enterprise, String employee, String corridor, String plate) {
    JsonObject body = new JsonObject().put("employeeId", employee).put("corridorId", corridor);
    if (plate != null) {
      body.put("vehiclePlate", plate);
    }
    return server.post("/api/v1/enterprise/pass-applications", token(enterprise), body);
  }

  public Reply approve(String application) {
    return server.post("/api/v1/admin/pass-applications/" + application + "/approval", admin(),
      new JsonObject().put("reason", "材料齐全"));
  }

  public JsonObject pass(Resident resident, String pass) {
    Reply reply = server.get("/api/v1/me/passes/" + pass, token(resident));
    expect(200, reply);
    return reply.json();
  }

  /** An admin flags the resident (CLOSE_CONTACT turns the code red, RELEASED green again). */
  public void flag(Resident resident, String flag) {
    expect(201, server.post("/api/v1/admin/persons/" + resident.accountId() + "/flags", admin(),
      new JsonObject().put("flag", flag).put("reason", "测试")));
  }

  public static void expect(int status, Reply reply) {
    if (reply.status() != status) {
      throw new AssertionError("expected " + status + ", got " + reply);
    }
  }
}
