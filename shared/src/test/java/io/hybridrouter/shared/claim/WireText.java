package io.hybridrouter.shared.claim;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;

/**
 * Text for the wire-format property tests ({@code @ForAll @From(supplier = WireText.class)}): any
 * UTF-16 text up to 300 characters without lone surrogates, which no JSON writer and no UTF-8
 * encoder can carry.
 */
final class WireText implements ArbitrarySupplier<String> {

    @Override
    public Arbitrary<String> get() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                .ofMaxLength(300);
    }
}
