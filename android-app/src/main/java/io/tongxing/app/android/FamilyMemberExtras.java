package io.tongxing.app.android;

import android.content.Context;
import android.content.Intent;
import io.tongxing.token.MaskedName;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which family member a screen is about (check-in, code, passes, the consent code), as the family screen names
 * them in the intent that opens it. The intent survives rotation and process death with the screen.
 *
 * @param id the link's id
 * @param name the member's name as the guardian typed it
 */
record FamilyMemberExtras(String id, String name) {
    private static final String ID = "io.tongxing.app.family.member.id";
    private static final String NAME = "io.tongxing.app.family.member.name";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** An intent for {@code screen} about this member. */
    Intent intent(Context context, Class<?> screen) {
        return new Intent(context, screen).putExtra(ID, id).putExtra(NAME, name);
    }

    /** The member an intent names, if it names one (the app's own screens only; none of them is exported). */
    static Optional<FamilyMemberExtras> of(Intent intent) {
        String id = intent == null ? null : intent.getStringExtra(ID);
        String name = intent == null ? null : intent.getStringExtra(NAME);
        if (id == null || name == null || !UUID.matcher(id).matches() || name.trim().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FamilyMemberExtras(id, name));
    }

    /** The name as a code shows it ("王*英"): the same mask the server puts on the member's tokens. */
    String maskedName() {
        return MaskedName.of(name);
    }
}
