package io.tongxing.app.android;

import android.graphics.Typeface;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.account.ServerChoice;
import io.tongxing.app.server.http.HttpTrustKeyLookup;
import io.tongxing.app.text.Text;

/** Renders {@link ServerChoice}: the server in use, a new address, its trust-key thumbprint to confirm. */
public final class ServerActivity extends ScreenActivity<ServerChoice.State, ServerChoice> {
    private TextView current;
    private TextView addressError;
    private Button check;
    private LinearLayout confirmation;
    private TextView thumbprint;
    private Button confirm;
    private TextView message;

    @Override
    protected Text title() {
        return Text.SERVER_TITLE;
    }

    @Override
    protected ServerChoice createModel(AppGraph graph) {
        return new ServerChoice(graph.serverUrl(), new HttpTrustKeyLookup(), graph::useServer, graph.words,
                graph.background);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        current = Views.line(this, column, Views.BODY);
        EditText address = Views.field(this, column, graph.words.text(Text.SERVER_ADDRESS),
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_URI);
        address.setHint("https://");
        address.addTextChangedListener(new Edited(model::setAddress));
        addressError = Views.error(this, column);
        check = Views.button(this, graph.words.text(Text.SERVER_CHECK), v -> model.check());
        column.addView(check, Views.fullWidth());
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        confirmation = Views.slot(this, column);
        confirmation.addView(Views.text(this, graph.words.text(Text.SERVER_THUMBPRINT), Views.BODY), Views.fullWidth());
        thumbprint = Views.line(this, confirmation, Views.TITLE);
        thumbprint.setTypeface(Typeface.MONOSPACE, Typeface.BOLD);
        confirm = Views.button(this, graph.words.text(Text.SERVER_CONFIRM), v -> model.confirm());
        confirmation.addView(confirm, Views.fullWidth());
        confirmation.addView(Views.button(this, graph.words.text(Text.SERVER_CANCEL), v -> model.cancel()),
                Views.fullWidth());
        return scrolling(column);
    }

    @Override
    protected void render(ServerChoice.State state) {
        current.setText(state.current());
        Views.showError(addressError, state.addressError());
        check.setEnabled(state.checkEnabled());
        Views.setOrHide(message, state.message());
        Views.showIf(state.thumbprint().isPresent(), confirmation);
        thumbprint.setText(state.thumbprint().orElse(""));
        confirm.setEnabled(state.confirmEnabled());
    }
}
