using System;
using ScsiBridge.Hal;

namespace ScsiBridge.SimDemo
{
    /// <summary>
    /// A tiny disk-like target for the simulated bus: answers selection, then INQUIRY with its
    /// identity and TEST UNIT READY with GOOD, anything else with CHECK CONDITION. Serves a fixed
    /// number of commands and returns, so a simulation of it ends.
    /// </summary>
    public sealed class ScriptedDiskTarget
    {
        public const int StatusGood = 0x00;
        public const int StatusCheckCondition = 0x02;
        public const byte MessageCommandComplete = 0x00;

        private const byte OpTestUnitReady = 0x00;
        private const byte OpInquiry = 0x12;

        private readonly IScsiController _controller;
        private readonly byte[] _inquiry;
        private readonly int _commandsToServe;
        private readonly ControllerCommand _command = new ControllerCommand();
        private readonly Completion _completion = new Completion();

        public ScriptedDiskTarget(IScsiController controller, InquiryData identity, int commandsToServe)
        {
            _controller = controller;
            _inquiry = identity.Encode();
            _commandsToServe = commandsToServe;
        }

        public int CommandsServed { get; private set; }

        /// <summary>The IDENTIFY message of the last selection (0 when none came).</summary>
        public int LastIdentify { get; private set; }

        /// <summary>The instance body.</summary>
        public void Run()
        {
            for (int served = 0; served < _commandsToServe; served++)
            {
                ScsiStep.ExpectOk(_controller, _command.PrepareEnableSelection(1 << _controller.ScsiId), _completion);
                LastIdentify = _completion.HasFlag(CompletionFlags.Identify) ? _completion.Identify : 0;

                int status = StatusGood;
                byte opcode = _completion.CdbLength > 0 ? _completion.Cdb[0] : (byte)0xFF;
                if (opcode == OpInquiry)
                {
                    int allocation = _completion.Cdb[4];
                    int count = Math.Min(allocation, _inquiry.Length);
                    if (count > 0)
                    {
                        ScsiStep.ExpectOk(_controller, _command.PrepareSendData(_inquiry, 0, count), _completion);
                    }
                }
                else if (opcode != OpTestUnitReady)
                {
                    status = StatusCheckCondition;
                }

                ScsiStep.ExpectOk(_controller, _command.PrepareSendStatus(status), _completion);
                ScsiStep.ExpectOk(_controller, _command.PrepareSendMessage(MessageCommandComplete), _completion);
                ScsiStep.ExpectOk(_controller, _command.PrepareDisconnect(), _completion);
                CommandsServed = served + 1;
            }
        }
    }
}
