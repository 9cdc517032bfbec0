package dev.imager.coordinator.load;

import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.Sections;

class StagesCalculatorContractTest extends LoadCalculatorContract {

    @Override
    LoadCalculatorFactory factory() {
        return new StagesCalculatorFactory();
    }

    /** Jump to min, a second there, then two hours up to max: the contract's runs outlast the shape. */
    @Override
    LoadSettings config(long min, long max) {
        return Sections.load("--stages=0s:" + min + ",1s:" + min + ",2h:" + max, "-max-rps=" + max);
    }
}
