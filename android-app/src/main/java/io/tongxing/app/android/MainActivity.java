package io.tongxing.app.android;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;

/** The launcher: resident screens, or checkpoint mode for officers. */
public final class MainActivity extends Activity {

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        // A developer points the app at another server: adb shell am start -n io.tongxing.app/.android.MainActivity
        //   --es io.tongxing.server http://10.0.2.2:8080 (takes effect at the next start of the app).
        String server = getIntent().getStringExtra(AppGraph.SERVER_META_DATA);
        if (server != null) {
            AppGraph.chooseServer(this, server);
        }
        Localizer words = TongxingApplication.graph(this).words;
        setTitle(words.text(Text.APP_NAME));
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, words.text(Text.MAIN_TITLE), Views.TITLE), Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.MAIN_ACCOUNT),
                v -> startActivity(new Intent(this, AccountActivity.class))), Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.MAIN_HEALTH_CODE),
                v -> startActivity(new Intent(this, HealthCodeActivity.class))), Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.MAIN_PASSES),
                v -> startActivity(new Intent(this, PassesActivity.class))), Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.MAIN_CHECK_IN),
                v -> startActivity(new Intent(this, CheckInActivity.class))), Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.MAIN_CHECKPOINT),
                v -> startActivity(new Intent(this, CheckpointActivity.class))), Views.fullWidth());
        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }
}
