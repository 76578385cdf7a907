package io.tongxing.app.model.resident;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ResidentSource;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.token.Colour;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Codes and passes from the server into the encrypted vault, and what stays when the server is away. */
class ResidentSyncTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final MemorySecureStore store = new MemorySecureStore();
    private final ResidentVault vault = new ResidentVault(store);
    private final SoftwareHolderKeys phone = new SoftwareHolderKeys();
    private final List<HolderKey> registered = new ArrayList<>();
    private ResidentDownload next;
    private boolean offline;

    private final ResidentSource server = new ResidentSource() {
        @Override
        public void registerHolderKey(HolderKey key) {
            registered.add(key);
        }

        @Override
        public ResidentDownload fetchCredentials() throws IOException {
            if (offline) {
                throw new IOException("offline (test)");
            }
            return next;
        }
    };

    @Test
    void atLoginThePhonesHolderKeyIsRegistered() throws Exception {
        new ResidentSync(server, vault, phone, clock).registerPhone();

        assertEquals(List.of(phone.holderKey()), registered);
    }

    @Test
    void aRefreshKeepsEverythingItReceivedAndWhenAndItReadsBackTheSame() throws Exception {
        String code = TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty());
        PassRecord pending = new PassRecord("a-17", PassRecord.Status.PENDING, Optional.empty(),
                Optional.of(PassModel.FREIGHT_VEHICLE), Arrays.asList(TongzhouCheckpoint.LANGFANG),
                Optional.empty(), Optional.of(NOW.minusSeconds(3600)));
        PassRecord issued = PassRecord.issued("p-3", TongzhouCheckpoint.commuterPass(42, Optional.empty()));
        next = new ResidentDownload(Optional.of(code), Arrays.asList(issued, pending), NOW);

        new ResidentSync(server, vault, phone, clock).refresh();

        ResidentSnapshot stored = vault.load().get();
        assertEquals(Optional.of(code), stored.healthCode());
        assertEquals(Arrays.asList(issued, pending), stored.passes());
        assertEquals(NOW, stored.receivedAt());
    }

    @Test
    void offlineTheLastSnapshotStaysUntouched() throws Exception {
        next = new ResidentDownload(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())),
                List.of(), NOW.minusSeconds(7200));
        new ResidentSync(server, vault, phone, clock).refresh();
        offline = true;

        assertThrows(IOException.class, () -> new ResidentSync(server, vault, phone, clock).refresh());

        assertEquals(next.healthCode(), vault.load().get().healthCode());
    }

    @Test
    void anUnreadableVaultIsAnErrorNotAnEmptyPhone() throws Exception {
        store.write(ResidentVault.NAME, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThrows(IOException.class, vault::load);
    }
}
