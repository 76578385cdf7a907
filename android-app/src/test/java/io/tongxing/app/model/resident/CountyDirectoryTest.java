package io.tongxing.app.model.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.RegionCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The GB/T 2260 list the check-in form picks counties from, as the app ships it. */
class CountyDirectoryTest {
    private final CountyDirectory list = XmlLocalizer.regions();

    @Test
    void provincesThenPrefecturesThenCountiesNarrowDownToTongzhou() {
        assertEquals(31, list.provinces().size(), "the 31 provinces of the mainland");
        assertEquals(new CountyDirectory.Division("110000", "北京市"), list.provinces().get(0));
        assertEquals("市辖区", list.prefectures("110000").get(0).name());
        assertTrue(list.counties("110100").contains(new CountyDirectory.Division("110112", "通州区")));
        assertEquals(Optional.of("北京市 通州区"), list.label("110112"));
        assertEquals(Optional.of("廊坊市"), list.name("131000"));
        assertEquals(Optional.empty(), list.label("119999"));
    }

    @Test
    void everyCountyOfferedIsOneTheServerAccepts() {
        int counties = 0;
        for (CountyDirectory.Division province : list.provinces()) {
            assertTrue(RegionCodes.knownProvince(province.code()), province.toString());
            for (CountyDirectory.Division prefecture : list.prefectures(province.code())) {
                for (CountyDirectory.Division county : list.counties(prefecture.code())) {
                    assertTrue(RegionCodes.isCounty(county.code()), county.toString());
                    counties++;
                }
            }
        }
        assertTrue(counties > 2800, "about 2,850 county-level divisions: " + counties);
    }

    @Test
    void aDamagedLineIsRefusedNotSkipped() {
        assertThrows(IOException.class, () -> CountyDirectory.read(
                new ByteArrayInputStream("# comment\n110000\t北京市\n11011\t坏行\n".getBytes(StandardCharsets.UTF_8))));
    }
}
