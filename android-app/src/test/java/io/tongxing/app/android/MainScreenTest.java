package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;

import android.content.Intent;
import android.widget.Button;
import io.tongxing.app.e2e.RegionServerFixture;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;

@RunWith(AppRunner.class)
public class MainScreenTest {

    @Test
    public void anotherAppCannotChangeTheServerThroughTheLauncher() {
        PhoneUnderTest phone = PhoneUnderTest.offline(RegionServerFixture.START);
        Intent hostile = new Intent(phone.app, MainActivity.class).putExtra("io.tongxing.server", "http://evil.example");
        Robolectric.buildActivity(MainActivity.class, hostile).setup();
        phone.newProcess();
        assertEquals("http://127.0.0.1:9", phone.graph.serverUrl());
    }
}
