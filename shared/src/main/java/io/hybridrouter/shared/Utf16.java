package io.hybridrouter.shared;

/**
 * Checks and repairs for Java strings that may hold unpaired UTF-16 surrogates. Such a string has no
 * UTF-8 encoding: SQS and EventBridge refuse it and a strict writer fails on it, so text that comes
 * from outside is checked before it travels, and text that is only echoed back (errors, rejected
 * bodies) is escaped. Stateless and thread-safe.
 */
public final class Utf16 {

    private Utf16() {
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1 when the text is valid Unicode. */
    public static int firstUnpaired(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code \\uXXXX} for one char, lower-case hex, as JSON and Java write it. */
    public static String escape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    /** The text with every unpaired surrogate replaced by its {@code \\uXXXX} escape, as six ASCII characters. */
    public static String escapeUnpaired(String text) {
        if (text == null || firstUnpaired(text) < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append(escape(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** At most {@code maxUnits} UTF-16 units of {@code text}, one fewer when the cut would split a surrogate pair. */
    public static String cut(String text, int maxUnits) {
        if (text.length() <= maxUnits) {
            return text;
        }
        int end = maxUnits;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }
}
