using DurableAgents.Workflows.Declarative.Refunds;

namespace DurableAgents.Workflows.Tests.Declarative;

public sealed class SimulatedPaymentGatewayTests
{
    [Fact]
    public void Refuses_PaymentThatSucceedsAfterRefusals_ForgetsTheRun()
    {
        var gateway = new SimulatedPaymentGateway();

        Assert.True(gateway.Refuses("run-1", "O-1", failures: 2));
        Assert.True(gateway.Refuses("run-1", "O-1", failures: 2));
        Assert.Equal(1, gateway.PaymentsInProgress);
        Assert.False(gateway.Refuses("run-1", "O-1", failures: 2));

        Assert.Equal(0, gateway.PaymentsInProgress);
    }

    [Fact]
    public void Refuses_PaymentThatGivesUpOnItsLastAttempt_ForgetsTheRun()
    {
        var gateway = new SimulatedPaymentGateway();

        for (int attempt = 1; attempt <= SimulatedPaymentGateway.MaxPaymentAttempts; attempt++)
        {
            Assert.True(gateway.Refuses("run-2", "O-2", failures: 5));
        }

        Assert.Equal(0, gateway.PaymentsInProgress);
    }

    [Fact]
    public void Refuses_PaymentWithoutFailures_KeepsNothing()
    {
        var gateway = new SimulatedPaymentGateway();

        Assert.False(gateway.Refuses("run-3", "O-3", failures: 0));

        Assert.Equal(0, gateway.PaymentsInProgress);
    }
}
