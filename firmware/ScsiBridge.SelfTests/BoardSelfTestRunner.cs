using System;
using nanoFramework.TestFramework;
using ScsiBridge.Firmware.Diagnostics;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using TestFrameworkShared;

namespace ScsiBridge.SelfTests
{
    /// <summary>
    /// Runs the catalog's tests for the link's SELFTEST operation: a failed assertion is
    /// Failed with its message, a skip is Skipped with its reason, any other exception is Error.
    /// </summary>
    public sealed class BoardSelfTestRunner : ISelfTestRunner
    {
        // The environment is static (TestFramework builds test classes with no arguments), so
        // one test runs at a time.
        private static readonly object Gate = new object();

        private readonly SelfTest[] _tests = SelfTestCatalog.All();
        private readonly IBusLineProbe? _lines;
        private readonly BufferRing? _liveRing;

        public BoardSelfTestRunner(IBusLineProbe? lines, BufferRing? liveRing)
        {
            _lines = lines;
            _liveRing = liveRing;
        }

        public int Count
        {
            get { return _tests.Length; }
        }

        public void Run(int index, bool busUnplugged, SelfTestResult result)
        {
            if (index < 0 || index >= _tests.Length) throw new ArgumentOutOfRangeException("index");
            SelfTest test = _tests[index];
            result.Name = test.ClassName + "." + test.MethodName;
            result.Message = string.Empty;
            lock (Gate)
            {
                SelfTestEnvironment.Lines = _lines;
                SelfTestEnvironment.LiveRing = _liveRing;
                SelfTestEnvironment.BusUnplugged = busUnplugged;
                try
                {
                    test.Body();
                    result.Outcome = SelfTestResult.Passed;
                }
                catch (AssertFailedException e)
                {
                    result.Outcome = SelfTestResult.Failed;
                    result.Message = e.Message;
                }
                catch (SkipTestException e)
                {
                    result.Outcome = SelfTestResult.Skipped;
                    result.Message = e.Message;
                }
                catch (Exception e)
                {
                    result.Outcome = SelfTestResult.Error;
                    result.Message = e.Message;
                }
                finally
                {
                    SelfTestEnvironment.BusUnplugged = false;
                }
            }
        }
    }
}
