package io.tongxing.app.model.account;

import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.server.TrustKeyLookup;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Choosing another server: the person types its address, the app fetches the server's trust key and shows
 * its thumbprint, and only when the person confirms (having compared it with the one their region
 * published) does the phone switch, logging everyone out first. This is the only way the server changes
 * after the build: no other app can hand the phone an address.
 */
public final class ServerChoice extends ScreenModel<ServerChoice.State> {
    /** Plain HTTP only to the emulator's host and this phone, as res/xml/network_security_config.xml allows. */
    private static final List<String> CLEARTEXT_HOSTS = Arrays.asList("10.0.2.2", "localhost", "127.0.0.1");

    /** Where the choice stands. */
    public enum Phase { EDITING, CHECKING, CONFIRMING, FAILED, SWITCHED }

    /**
     * @param thumbprint the checked server's trust-key thumbprint, in groups of four, while confirming
     */
    public record State(String current, Phase phase, Optional<String> addressError, Optional<String> thumbprint,
            Optional<String> message, boolean checkEnabled, boolean confirmEnabled) {
    }

    /** Switches the phone to a confirmed server. */
    @FunctionalInterface
    public interface Switch {
        void to(String serverUrl) throws IOException;
    }

    private final TrustKeyLookup lookup;
    private final Switch switcher;
    private final Localizer words;
    private final Executor background;
    private String current;
    private String typed = "";
    private Phase phase = Phase.EDITING;
    private Optional<String> addressError = Optional.empty();
    private Optional<String> checked = Optional.empty();
    private Optional<String> thumbprint = Optional.empty();
    private Optional<String> message = Optional.empty();

    public ServerChoice(String current, TrustKeyLookup lookup, Switch switcher, Localizer words, Executor background) {
        super(new State(current, Phase.EDITING, Optional.empty(), Optional.empty(), Optional.empty(), true, false));
        this.current = Objects.requireNonNull(current, "current");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.switcher = Objects.requireNonNull(switcher, "switcher");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        render();
    }

    public synchronized void setAddress(String text) {
        typed = text == null ? "" : text;
        if (phase != Phase.CHECKING) {
            phase = Phase.EDITING;
            addressError = Optional.empty();
            thumbprint = Optional.empty();
            checked = Optional.empty();
            message = Optional.empty();
        }
        render();
    }

    /** Fetches the typed server's trust key, to show its thumbprint for confirmation. */
    public synchronized void check() {
        if (phase == Phase.CHECKING) {
            return;
        }
        Optional<String> address = address(typed);
        if (!address.isPresent()) {
            addressError = Optional.of(words.text(Text.SERVER_ADDRESS_INVALID));
            render();
            return;
        }
        phase = Phase.CHECKING;
        message = Optional.of(words.text(Text.SERVER_CHECKING));
        render();
        String url = address.get();
        background.execute(() -> {
            try {
                String print = lookup.trustKeyThumbprint(url);
                synchronized (this) {
                    phase = Phase.CONFIRMING;
                    checked = Optional.of(url);
                    thumbprint = Optional.of(grouped(print));
                    message = Optional.of(words.text(Text.SERVER_COMPARE));
                    render();
                }
            } catch (IOException e) {
                synchronized (this) {
                    phase = Phase.FAILED;
                    message = Optional.of(words.text(Text.SERVER_UNREACHABLE));
                    render();
                }
            }
        });
    }

    /** The person compared the thumbprint and confirms: switch. */
    public synchronized void confirm() {
        if (phase != Phase.CONFIRMING || !checked.isPresent()) {
            return;
        }
        String url = checked.get();
        try {
            switcher.to(url);
        } catch (IOException e) {
            phase = Phase.FAILED;
            message = Optional.of(words.text(Text.SERVER_UNREACHABLE));
            render();
            return;
        }
        current = url;
        phase = Phase.SWITCHED;
        thumbprint = Optional.empty();
        checked = Optional.empty();
        message = Optional.of(words.text(Text.SERVER_SWITCHED, url));
        render();
    }

    public synchronized void cancel() {
        phase = Phase.EDITING;
        thumbprint = Optional.empty();
        checked = Optional.empty();
        message = Optional.empty();
        render();
    }

    /** An https address (plain http only to the emulator's host or this phone), without a trailing slash. */
    static Optional<String> address(String text) {
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                return Optional.empty();
            }
            boolean allowed = scheme.equals("https") || (scheme.equals("http") && CLEARTEXT_HOSTS.contains(uri.getHost()));
            return allowed ? Optional.of(trimmed) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** "AbCd EfGh …": easier to compare character by character. */
    static String grouped(String thumbprint) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < thumbprint.length(); i += 4) {
            out.append(out.length() == 0 ? "" : " ").append(thumbprint, i, Math.min(thumbprint.length(), i + 4));
        }
        return out.toString();
    }

    private void render() {
        publish(new State(words.text(Text.SERVER_CURRENT, current), phase, addressError, thumbprint, message,
                phase != Phase.CHECKING, phase == Phase.CONFIRMING));
    }
}
