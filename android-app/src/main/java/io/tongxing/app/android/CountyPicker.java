package io.tongxing.app.android;

import android.app.AlertDialog;
import android.content.Context;
import io.tongxing.app.model.resident.CountyDirectory;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.List;
import java.util.function.Consumer;

/** Chooses a county from the GB/T 2260 list in three short lists: province, then city, then county. */
final class CountyPicker {
    private final Context context;
    private final CountyDirectory directory;
    private final Localizer words;
    private final Consumer<String> chosen;

    CountyPicker(Context context, CountyDirectory directory, Localizer words, Consumer<String> chosen) {
        this.context = context;
        this.directory = directory;
        this.words = words;
        this.chosen = chosen;
    }

    void show() {
        pick(Text.CHECKIN_PICK_PROVINCE, directory.provinces(), province -> {
            List<CountyDirectory.Division> prefectures = directory.prefectures(province);
            pick(Text.CHECKIN_PICK_PREFECTURE, prefectures,
                    prefecture -> pick(Text.CHECKIN_PICK_COUNTY, directory.counties(prefecture), chosen));
        });
    }

    private void pick(Text title, List<CountyDirectory.Division> divisions, Consumer<String> then) {
        String[] names = new String[divisions.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = divisions.get(i).name();
        }
        new AlertDialog.Builder(context)
                .setTitle(words.text(title))
                .setItems(names, (dialog, which) -> then.accept(divisions.get(which).code()))
                .show();
    }
}
