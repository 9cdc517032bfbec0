package dev.imager.coordinator.load;

class StepCalculatorContractTest extends LoadCalculatorContract {

    @Override
    LoadCalculatorFactory factory() {
        return new StepCalculatorFactory();
    }
}
