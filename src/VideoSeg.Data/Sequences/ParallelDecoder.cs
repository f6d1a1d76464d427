using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace VideoSeg.Data.Sequences;

/// <summary>
/// Decodes (or writes) files in parallel, keeping the result order and, when several fail, rethrowing
/// the failure of the lowest index as it was thrown (not wrapped in an AggregateException), so that the
/// error a user sees is the file's own and does not depend on thread timing.
/// </summary>
public static class ParallelDecoder
{
    /// <summary>Runs <paramref name="decode"/> for indices 0..count-1 and returns the results in index order.</summary>
    public static T[] Map<T>(int count, Func<int, T> decode, CancellationToken cancellationToken)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, count, options, i =>
        {
            try
            {
                results[i] = decode(i);
            }
            catch (Exception exception)
            {
                errors[i] = exception;
            }
        });

        foreach (Exception? error in errors)
        {
            if (error is not null)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        return results;
    }

    /// <summary>Runs <paramref name="action"/> for indices 0..count-1, with the same error reporting as <see cref="Map{T}"/>.</summary>
    public static void ForEach(int count, Action<int> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        Map(
            count,
            i =>
            {
                action(i);
                return true;
            },
            cancellationToken);
    }
}
