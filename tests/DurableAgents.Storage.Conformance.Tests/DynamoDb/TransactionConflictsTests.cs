using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Writing;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// Which refused writes are tried again. DynamoDB Local does not produce transaction conflicts on demand, so the
/// classification and the retry loops are exercised with writes that throw what DynamoDB throws.
/// </summary>
public sealed class TransactionConflictsTests
{
    [Theory]
    [InlineData(new[] { "TransactionConflict" }, true)]
    [InlineData(new[] { "None", "TransactionConflict", "None" }, true)]
    [InlineData(new[] { "None", "None" }, false)]
    [InlineData(new[] { "ConditionalCheckFailed", "TransactionConflict" }, false)]
    [InlineData(new[] { "TransactionConflict", "ValidationError" }, false)]
    [InlineData(new string[0], false)]
    public void OnlyConflicts_ClassifiesCancellationReasons(string[] codes, bool expected) =>
        Assert.Equal(expected, TransactionConflicts.OnlyConflicts([.. codes.Select(code => new CancellationReason { Code = code })]));

    [Fact]
    public void OnlyConflicts_NoReasons_IsFalse() => Assert.False(TransactionConflicts.OnlyConflicts(null));

    [Fact]
    public async Task RetryTransactionAsync_CancelledByConflictsThenApplied_TriesAgainWithANewTokenEachTime()
    {
        var tokens = new List<string>();

        await TransactionConflicts.RetryTransactionAsync(
            (token, _) =>
            {
                tokens.Add(token);
                return tokens.Count < 3 ? throw Canceled("None", "TransactionConflict") : Task.CompletedTask;
            },
            CancellationToken.None,
            firstToken: "first");

        Assert.Equal(3, tokens.Count);
        Assert.Equal("first", tokens[0]);
        Assert.Equal(3, tokens.Distinct().Count());
    }

    [Fact]
    public async Task RetryTransactionAsync_AConditionFailed_ThrowsAtOnce()
    {
        int attempts = 0;

        TransactionCanceledException thrown = await Assert.ThrowsAsync<TransactionCanceledException>(() => TransactionConflicts.RetryTransactionAsync(
            (_, _) =>
            {
                attempts++;
                throw Canceled("ConditionalCheckFailed", "TransactionConflict");
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal("ConditionalCheckFailed", thrown.CancellationReasons[0].Code);
    }

    [Fact]
    public async Task RetryTransactionAsync_ConflictsEveryTime_GivesUpAfterTheLastAttempt()
    {
        int attempts = 0;

        await Assert.ThrowsAsync<TransactionCanceledException>(() => TransactionConflicts.RetryTransactionAsync(
            (_, _) =>
            {
                attempts++;
                throw Canceled("TransactionConflict");
            },
            CancellationToken.None));

        Assert.Equal(TransactionConflicts.Attempts, attempts);
    }

    [Fact]
    public async Task RetrySingleAsync_ConflictThenApplied_ReturnsTheResult()
    {
        int attempts = 0;

        string result = await TransactionConflicts.RetrySingleAsync(
            _ => ++attempts < 3 ? throw new TransactionConflictException("conflict") : Task.FromResult("renewed"),
            CancellationToken.None);

        Assert.Equal("renewed", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task RetrySingleAsync_ConditionFailed_IsNotRetried()
    {
        int attempts = 0;

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => TransactionConflicts.RetrySingleAsync<string>(
            _ =>
            {
                attempts++;
                throw new ConditionalCheckFailedException("lease taken");
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RetrySingleAsync_ConflictsEveryTime_GivesUpAfterTheLastAttempt()
    {
        int attempts = 0;

        await Assert.ThrowsAsync<TransactionConflictException>(() => TransactionConflicts.RetrySingleAsync<string>(
            _ =>
            {
                attempts++;
                throw new TransactionConflictException("conflict");
            },
            CancellationToken.None));

        Assert.Equal(TransactionConflicts.Attempts, attempts);
    }

    private static TransactionCanceledException Canceled(params string[] codes) =>
        new("Transaction cancelled") { CancellationReasons = [.. codes.Select(code => new CancellationReason { Code = code })] };
}
