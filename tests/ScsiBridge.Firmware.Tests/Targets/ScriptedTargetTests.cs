using System;
using System.Linq;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Targets
{
    /// <summary>
    /// The scripted target against an initiator written out in raw controller commands, so that
    /// the target is known good before firmware is tested against it.
    /// </summary>
    public class ScriptedTargetTests
    {
        private const int HostId = 7;
        private const int OtherHostId = 6;
        private const int DiskId = 0;
        private const int Block = 512;

        /// <summary>A bus with one initiator and the scripted disk; the script runs as the
        /// initiator's instance and the disk is stopped when it returns.</summary>
        private sealed class Rig : IDisposable
        {
            public Rig(ScriptedTargetOptions? options = null)
            {
                Bus = new SimBus();
                HostController = Bus.Attach(new ControllerOptions(HostId));
                DiskController = Bus.Attach(new ControllerOptions(DiskId));
                Host = new RawInitiator(HostController);
                Disk = new ScriptedTarget(Bus, DiskController, options ?? new ScriptedTargetOptions());
            }

            public SimBus Bus { get; }

            public SimController HostController { get; }

            public SimController DiskController { get; }

            public RawInitiator Host { get; }

            public ScriptedTarget Disk { get; }

            public void Run(Action<RawInitiator> script)
            {
                Bus.Spawn("disk0", Disk.Run);
                Bus.Spawn("host", () =>
                {
                    try
                    {
                        script(Host);
                    }
                    finally
                    {
                        Disk.Stop();
                    }
                });
                Bus.RunAll();
                Assert.True(Disk.HasStopped, "Run() returned");
            }

            public byte[] ImageBlocks(long lba, int blocks)
            {
                return Disk.Image.Skip((int)lba * Block).Take(blocks * Block).ToArray();
            }

            public void Dispose()
            {
                Bus.Dispose();
            }
        }

        private static byte[] RandomBytes(int count, int seed)
        {
            var bytes = new byte[count];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>An injected parity fault flips DBP at the sender's strobe, which the bus
        /// monitor reports as data changing while sampled; that one report is the fault's own,
        /// anything else is not.</summary>
        private static void AssertOnlyTheInjectedParityViolation(SimBus bus)
        {
            var violations = bus.Violations;
            Assert.True(
                violations.Count <= 1 && violations.All(v => v.Rule == SimRule.DataChangedInWindow),
                "Bus monitor violations beyond the injected fault:\n" + string.Join("\n", violations.Select(v => v.ToString())));
        }

        private static void AssertSense(byte[] sense, int key, int asc)
        {
            Assert.Equal(0x70, sense[0]);
            Assert.Equal(key, sense[2] & 0x0F);
            Assert.Equal(asc, sense[12]);
        }

        // ---------------------------------------------------------------- commands

        [Fact]
        public void InquiryReturnsTheConfiguredStandardData()
        {
            using var rig = new Rig(new ScriptedTargetOptions { Vendor = "ACME", Product = "ROADRUNNER", Revision = "0042", DeviceType = 0 });
            var data = new byte[36];
            int status = -1;

            rig.Run(host => status = host.Command(DiskId, Cdb.Inquiry(36), dataIn: data));

            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(36, rig.Host.LastBytesMoved);
            Assert.Equal(0x00, data[0]);     // qualifier 0, direct access
            Assert.Equal(2, data[2] & 0x07);  // ANSI SCSI-2
            Assert.Equal(2, data[3] & 0x0F);  // response data format 2
            Assert.Equal(31, data[4]);        // additional length: 36 bytes in all
            Assert.Equal(0x10, data[7] & 0x10);  // synchronous transfers supported
            Assert.Equal("ACME    ROADRUNNER      0042", System.Text.Encoding.ASCII.GetString(data, 8, 28));
            Assert.Equal(1, rig.Disk.CountOf(ScsiOpcode.Inquiry));
            Assert.Equal(Cdb.Inquiry(36), rig.Disk.LastCdb);
            Assert.Equal(HostId, rig.Disk.LastInitiatorId);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void ShortInquiryAllocationGetsOnlyThatManyBytes()
        {
            // The allocation length, not the data, decides: a probe asking for 5 bytes gets 5.
            using var rig = new Rig();
            var data = new byte[36];

            rig.Run(host => Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Inquiry(5), dataIn: data)));

            Assert.Equal(5, rig.Host.LastBytesMoved);
            Assert.Equal(31, data[4]);
            Assert.Equal(new byte[31], data.Skip(5).ToArray());
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void NonCcsInquiryModesAnswerShortOrWithCheckCondition()
        {
            using var rig = new Rig(new ScriptedTargetOptions { Inquiry = InquiryMode.Short, ShortInquiryLength = 5 });
            var data = new byte[36];
            int shortStatus = -1;
            int failedStatus = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                shortStatus = host.Command(DiskId, Cdb.Inquiry(36), dataIn: data);
                Assert.Equal(5, host.LastBytesMoved);
                rig.Disk.Options.Inquiry = InquiryMode.CheckCondition;
                failedStatus = host.Command(DiskId, Cdb.Inquiry(36), dataIn: new byte[36]);
                sense = host.RequestSense(DiskId);
            });

            Assert.Equal(ScsiStatus.Good, shortStatus);
            Assert.Equal(0, data[4]);  // additional length agrees with the 5 bytes sent
            Assert.Equal(ScsiStatus.CheckCondition, failedStatus);
            AssertSense(sense!, ScsiSense.IllegalRequest, ScsiSense.AscInvalidCommandOperationCode);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void Read10OfFourBlocksIsByteExactAgainstTheImage()
        {
            using var rig = new Rig();
            var data = new byte[4 * Block];
            int status = -1;

            rig.Run(host => status = host.Command(DiskId, Cdb.Read10(1000, 4), dataIn: data));

            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(4 * Block, rig.Host.LastBytesMoved);
            Assert.Equal(rig.ImageBlocks(1000, 4), data);
            // The image is not trivially uniform, so reading the wrong block would show.
            Assert.NotEqual(rig.ImageBlocks(1001, 1), rig.ImageBlocks(1000, 1));
            Assert.Equal(1, rig.Disk.CountOf(ScsiOpcode.Read10));
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void Read6AddressesTheSameBlocks()
        {
            using var rig = new Rig();
            var data = new byte[2 * Block];

            rig.Run(host => Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Read6(0x123, 2), dataIn: data)));

            Assert.Equal(rig.ImageBlocks(0x123, 2), data);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void Write10ChangesExactlyTheAddressedBlocks()
        {
            using var rig = new Rig();
            byte[] payload = RandomBytes(3 * Block, seed: 10);
            byte[] before = rig.ImageBlocks(0, 20);
            int status = -1;

            rig.Run(host => status = host.Command(DiskId, Cdb.Write10(7, 3), dataOut: payload));

            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(payload, rig.ImageBlocks(7, 3));
            Assert.Equal(before.Take(7 * Block), rig.ImageBlocks(0, 7));
            Assert.Equal(before.Skip(10 * Block), rig.ImageBlocks(10, 10));
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void ReadCapacityReportsTheLastBlockAndTheBlockSize()
        {
            using var rig = new Rig(new ScriptedTargetOptions { Blocks = 1234, BlockSize = 256 });
            var data = new byte[8];

            rig.Run(host => Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.ReadCapacity10(), dataIn: data)));

            Assert.Equal(new byte[] { 0, 0, 0x04, 0xD1, 0, 0, 0x01, 0x00 }, data);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void OutOfRangeReadAndUnknownOpcodeGiveIllegalRequestWithTheirCodes()
        {
            using var rig = new Rig();
            int rangeStatus = -1;
            int opcodeStatus = -1;
            byte[]? rangeSense = null;
            byte[]? opcodeSense = null;
            byte[]? noSense = null;

            rig.Run(host =>
            {
                // The last block plus one: no data phase, CHECK CONDITION straight after the CDB.
                rangeStatus = host.Command(DiskId, Cdb.Read10(2047, 2));
                rangeSense = host.RequestSense(DiskId);
                opcodeStatus = host.Command(DiskId, new byte[] { 0xC7, 0, 0, 0, 0, 0 });
                opcodeSense = host.RequestSense(DiskId);
                // REQUEST SENSE cleared it.
                noSense = host.RequestSense(DiskId);
            });

            Assert.Equal(ScsiStatus.CheckCondition, rangeStatus);
            AssertSense(rangeSense!, ScsiSense.IllegalRequest, ScsiSense.AscLbaOutOfRange);
            Assert.Equal(ScsiStatus.CheckCondition, opcodeStatus);
            AssertSense(opcodeSense!, ScsiSense.IllegalRequest, ScsiSense.AscInvalidCommandOperationCode);
            AssertSense(noSense!, ScsiSense.NoSense, 0);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void UnknownLunInquiryHasQualifierThreeAndOtherCommandsFail(bool lunInIdentify)
        {
            using var rig = new Rig(new ScriptedTargetOptions { Luns = 1 });
            var data = new byte[36];
            int inquiryStatus = -1;
            int turStatus = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                if (lunInIdentify)
                {
                    inquiryStatus = host.Command(DiskId, Cdb.Inquiry(36, lun: 3), dataIn: data, lun: 3);
                    turStatus = host.Command(DiskId, Cdb.TestUnitReady(3), lun: 3);
                    sense = host.RequestSense(DiskId, lun: 3);
                }
                else
                {
                    // SCSI-1 style: no ATN, no IDENTIFY; the LUN is in CDB byte 1.
                    host.Ok(ControllerCommand.Select(DiskId, CommandFlags.None), BusPhase.Command);
                    host.Ok(ControllerCommand.CommandOut(Cdb.Inquiry(36, lun: 3)), BusPhase.DataIn);
                    host.Ok(ControllerCommand.Transfer(data, 0, data.Length), BusPhase.Status);
                    inquiryStatus = host.Finish();
                    host.Ok(ControllerCommand.Select(DiskId, CommandFlags.None), BusPhase.Command);
                    host.Ok(ControllerCommand.CommandOut(Cdb.TestUnitReady(3)), BusPhase.Status);
                    turStatus = host.Finish();
                    sense = host.RequestSense(DiskId, lun: 3);
                }
            });

            Assert.Equal(ScsiStatus.Good, inquiryStatus);
            Assert.Equal(0x7F, data[0]);
            Assert.Equal(ScsiStatus.CheckCondition, turStatus);
            AssertSense(sense!, ScsiSense.IllegalRequest, ScsiSense.AscLogicalUnitNotSupported);
            Assert.Equal(3, rig.Disk.LastLun);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void SecondLunHasItsOwnImage()
        {
            using var rig = new Rig(new ScriptedTargetOptions { Luns = 2, Blocks = 16 });
            var lun0 = new byte[Block];
            var lun1 = new byte[Block];

            rig.Run(host =>
            {
                Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Read10(3, 1, lun: 0), dataIn: lun0, lun: 0));
                Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Read10(3, 1, lun: 1), dataIn: lun1, lun: 1));
            });

            Assert.Equal(rig.Disk.ImageOf(0).Skip(3 * Block).Take(Block), lun0);
            Assert.Equal(rig.Disk.ImageOf(1).Skip(3 * Block).Take(Block), lun1);
            Assert.NotEqual(lun0, lun1);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void BusyCountAnswersBusyThenServes()
        {
            using var rig = new Rig(new ScriptedTargetOptions { BusyCount = 2 });
            int[] statuses = new int[3];

            rig.Run(host =>
            {
                for (int i = 0; i < 3; i++)
                {
                    statuses[i] = host.Command(DiskId, Cdb.TestUnitReady());
                }
            });

            Assert.Equal(new[] { ScsiStatus.Busy, ScsiStatus.Busy, ScsiStatus.Good }, statuses);
            Assert.Equal(0, rig.Disk.BusyRemaining);
            Assert.Equal(3, rig.Disk.CommandsServed);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void PowerOnUnitAttentionSparesInquiryAndHitsTheFirstOtherCommand()
        {
            using var rig = new Rig(new ScriptedTargetOptions { PowerOnUnitAttention = true });
            int inquiry = -1;
            int first = -1;
            int second = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                inquiry = host.Command(DiskId, Cdb.Inquiry(36), dataIn: new byte[36]);
                first = host.Command(DiskId, Cdb.TestUnitReady());
                sense = host.RequestSense(DiskId);
                second = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(ScsiStatus.Good, inquiry);
            Assert.Equal(ScsiStatus.CheckCondition, first);
            AssertSense(sense!, ScsiSense.UnitAttention, ScsiSense.AscPowerOnOrReset);
            Assert.Equal(ScsiStatus.Good, second);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void ReservationGivesConflictToAnotherInitiatorUntilReleased()
        {
            using var rig = new Rig();
            SimController other = rig.Bus.Attach(new ControllerOptions(OtherHostId));
            var otherHost = new RawInitiator(other);
            int reserve = -1;
            int conflict = -1;
            int otherInquiry = -1;
            int ownerRead = -1;
            int release = -1;
            int afterRelease = -1;
            int holderWhileReserved = -2;

            rig.Run(host =>
            {
                reserve = host.Command(DiskId, Cdb.Reserve6());
                holderWhileReserved = rig.Disk.ReservedBy(0);
                conflict = otherHost.Command(DiskId, Cdb.TestUnitReady());
                // INQUIRY stays allowed under someone else's reservation.
                otherInquiry = otherHost.Command(DiskId, Cdb.Inquiry(36), dataIn: new byte[36]);
                ownerRead = host.Command(DiskId, Cdb.Read10(0, 1), dataIn: new byte[Block]);
                release = host.Command(DiskId, Cdb.Release6());
                afterRelease = otherHost.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(ScsiStatus.Good, reserve);
            Assert.Equal(HostId, holderWhileReserved);
            Assert.Equal(ScsiStatus.ReservationConflict, conflict);
            Assert.Equal(ScsiStatus.Good, otherInquiry);
            Assert.Equal(ScsiStatus.Good, ownerRead);
            Assert.Equal(ScsiStatus.Good, release);
            Assert.Equal(ScsiStatus.Good, afterRelease);
            Assert.Equal(-1, rig.Disk.ReservedBy(0));
            Assert.Equal(OtherHostId, rig.Disk.LastInitiatorId);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        // ---------------------------------------------------------------- negotiation

        public static TheoryData<SdtrMode, int, int, byte[]> SdtrCases => new TheoryData<SdtrMode, int, int, byte[]>
        {
            // Faster than the target can do: clamped to its 200 ns (factor 50) and offset 15.
            { SdtrMode.Accept, 25, 15, ScsiMessage.Sdtr(50, 15) },
            // Slower than its limits: echoed as asked.
            { SdtrMode.Accept, 62, 8, ScsiMessage.Sdtr(62, 8) },
            // Counter: the options' 400 ns and offset 8 win over the request.
            { SdtrMode.Counter, 50, 15, ScsiMessage.Sdtr(100, 8) },
            { SdtrMode.Reject, 50, 15, new[] { ScsiMessage.MessageReject } },
        };

        [Theory]
        [MemberData(nameof(SdtrCases))]
        public void SdtrAfterIdentifyIsAnsweredAndTheDataMovesAsAgreed(SdtrMode mode, int factor, int offset, byte[] expectedAnswer)
        {
            using var rig = new Rig(new ScriptedTargetOptions { Sdtr = mode });
            var data = new byte[2 * Block];
            byte[]? answer = null;
            Completion? transfer = null;
            int status = -1;

            rig.Run(host =>
            {
                byte[] identifyAndSdtr = new[] { ScsiMessage.IdentifyLun(0, false) }.Concat(ScsiMessage.Sdtr(factor, offset)).ToArray();
                host.SelectWithMessages(DiskId, identifyAndSdtr, BusPhase.MessageIn);
                answer = host.MessageIn(BusPhase.Command);
                if (answer[0] == ScsiMessage.Extended)
                {
                    // The initiator's side of the agreement, from the target's answer.
                    host.Ok(ControllerCommand.SetSync(DiskId, answer[3] * 4, answer[4]));
                }

                host.Ok(ControllerCommand.CommandOut(Cdb.Read10(5, 2)), BusPhase.DataIn);
                transfer = host.Ok(ControllerCommand.Transfer(data, 0, data.Length), BusPhase.Status);
                status = host.Finish();
            });

            Assert.Equal(expectedAnswer, answer);
            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(rig.ImageBlocks(5, 2), data);
            bool synchronous = expectedAnswer[0] == ScsiMessage.Extended;
            Assert.Equal(synchronous, transfer!.HasFlag(CompletionFlags.Sync));
            SyncAgreement agreed = rig.Disk.SyncWith(HostId);
            Assert.Equal(synchronous ? new SyncAgreement(expectedAnswer[3] * 4, expectedAnswer[4]) : new SyncAgreement(0, 0), agreed);
            Assert.Contains(rig.Disk.MessagesReceived, m => m.SequenceEqual(ScsiMessage.Sdtr(factor, offset)));
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void SdtrRaisedWithAtnDuringTheCommandPhaseIsTakenAfterTheCdb()
        {
            // IDENTIFY went alone; the initiator raises ATN while it sends the CDB and the target
            // goes to MESSAGE OUT once the CDB is in.
            using var rig = new Rig();
            byte[]? answer = null;
            int status = -1;

            rig.Run(host =>
            {
                host.SelectWithMessages(DiskId, new[] { ScsiMessage.IdentifyLun(0, false) }, BusPhase.Command);
                host.Ok(ControllerCommand.SetAtn());
                host.Ok(ControllerCommand.CommandOut(Cdb.TestUnitReady()), BusPhase.MessageOut);
                host.Ok(ControllerCommand.MessageOut(ScsiMessage.Sdtr(50, 8)), BusPhase.MessageIn);
                answer = host.MessageIn(BusPhase.Status);
                host.Ok(ControllerCommand.SetSync(DiskId, answer[3] * 4, answer[4]));
                status = host.Finish();
            });

            Assert.Equal(ScsiMessage.Sdtr(50, 8), answer);
            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(new SyncAgreement(200, 8), rig.Disk.SyncWith(HostId));
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void SdtrWithoutIdentifyIsAnsweredAndTheLunComesFromTheCdb()
        {
            // An initiator that negotiates first and identifies never (SCSI-1 CDB addressing).
            using var rig = new Rig(new ScriptedTargetOptions { Luns = 2, Blocks = 16 });
            byte[]? answer = null;
            var data = new byte[Block];

            rig.Run(host =>
            {
                host.SelectWithMessages(DiskId, ScsiMessage.Sdtr(50, 15), BusPhase.MessageIn);
                answer = host.MessageIn(BusPhase.Command);
                host.Ok(ControllerCommand.SetSync(DiskId, answer[3] * 4, answer[4]));
                host.Ok(ControllerCommand.CommandOut(Cdb.Read10(2, 1, lun: 1)), BusPhase.DataIn);
                host.Ok(ControllerCommand.Transfer(data, 0, data.Length), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.Equal(ScsiMessage.Sdtr(50, 15), answer);
            Assert.Equal(1, rig.Disk.LastLun);
            Assert.Equal(rig.Disk.ImageOf(1).Skip(2 * Block).Take(Block), data);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void RejectedSdtrAnswerLeavesTheTargetAsynchronous()
        {
            using var rig = new Rig();
            Completion? transfer = null;

            rig.Run(host =>
            {
                byte[] identifyAndSdtr = new[] { ScsiMessage.IdentifyLun(0, false) }.Concat(ScsiMessage.Sdtr(25, 15)).ToArray();
                host.SelectWithMessages(DiskId, identifyAndSdtr, BusPhase.MessageIn);
                host.Ok(ControllerCommand.MessageIn(), BusPhase.MessageIn);
                // ATN before accepting the answer: the initiator rejects it.
                host.Ok(ControllerCommand.SetAtn());
                host.Ok(ControllerCommand.AcceptMessage(), BusPhase.MessageOut);
                host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.MessageReject }), BusPhase.Command);
                host.Ok(ControllerCommand.CommandOut(Cdb.Read10(0, 1)), BusPhase.DataIn);
                transfer = host.Ok(ControllerCommand.Transfer(new byte[Block], 0, Block), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.False(transfer!.HasFlag(CompletionFlags.Sync));
            Assert.False(rig.Disk.SyncWith(HostId).IsSynchronous);
            Assert.Equal(1, rig.Disk.RejectsReceived);
            Assert.Equal(ScsiMessage.Sdtr(50, 15), rig.Disk.LastRejectedMessage);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void WdtrIsRejected()
        {
            using var rig = new Rig();
            byte[]? answer = null;

            rig.Run(host =>
            {
                byte[] identifyAndWdtr = new[] { ScsiMessage.IdentifyLun(0, false) }.Concat(ScsiMessage.Wdtr(1)).ToArray();
                host.SelectWithMessages(DiskId, identifyAndWdtr, BusPhase.MessageIn);
                answer = host.MessageIn(BusPhase.Command);
                host.Ok(ControllerCommand.CommandOut(Cdb.TestUnitReady()), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.Equal(new[] { ScsiMessage.MessageReject }, answer);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        // ---------------------------------------------------------------- disconnection

        [Fact]
        public void DisconnectBeforeTheDataThenReselectionAfterTheSeek()
        {
            var options = new ScriptedTargetOptions { DisconnectOnRead = true, SeekDelayNs = 3_000_000 };
            using var rig = new Rig(options);
            var data = new byte[2 * Block];
            long busFreeNs = 0;
            Completion? reselected = null;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, true), Cdb.Read10(40, 2), BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.Disconnect }, host.MessageIn(BusPhase.BusFree));
                busFreeNs = rig.Bus.NowNs;
                reselected = host.Ok(ControllerCommand.WaitReselect(), BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.IdentifyLun(0, false) }, host.MessageIn(BusPhase.DataIn));
                host.Ok(ControllerCommand.Transfer(data, 0, data.Length), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.Equal(DiskId, reselected!.PeerId);
            Assert.True(reselected.TimeNs >= busFreeNs + options.SeekDelayNs, "reselected at " + reselected.TimeNs + " ns, bus free at " + busFreeNs);
            Assert.Equal(rig.ImageBlocks(40, 2), data);
            Assert.Equal(1, rig.Disk.Disconnects);
            Assert.Equal(1, rig.Disk.Reselections);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void NoDisconnectionWithoutThePrivilege()
        {
            // IDENTIFY without bit 6: the target must keep the bus through the seek.
            using var rig = new Rig(new ScriptedTargetOptions { DisconnectOnRead = true, DisconnectMidData = true });
            var data = new byte[4 * Block];

            rig.Run(host => Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Read10(0, 4), dataIn: data)));

            Assert.Equal(rig.ImageBlocks(0, 4), data);
            Assert.Equal(0, rig.Disk.Disconnects);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void DisconnectMidDataResumesAtTheSavedPointer(bool write)
        {
            const int Total = 4 * Block;
            const int Half = Total / 2;
            using var rig = new Rig(new ScriptedTargetOptions { DisconnectMidData = true });
            byte[] payload = RandomBytes(Total, seed: 44);
            var data = new byte[Total];
            Completion? first = null;
            byte[]? save = null;
            byte[]? disconnect = null;
            Completion? rest = null;
            int dataPhase = write ? BusPhase.DataOut : BusPhase.DataIn;

            rig.Run(host =>
            {
                byte[] buffer = write ? payload : data;
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, true), write ? Cdb.Write10(100, 4) : Cdb.Read10(100, 4), dataPhase);
                first = host.Expect(ControllerCommand.Transfer(buffer, 0, Total), ControllerResult.PhaseMismatch, BusPhase.MessageIn);
                save = host.MessageIn(BusPhase.MessageIn);
                // SAVE DATA POINTER: the initiator's saved pointer is now where the data stopped.
                int savedPointer = first.BytesMoved;
                disconnect = host.MessageIn(BusPhase.BusFree);
                host.Ok(ControllerCommand.WaitReselect(), BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.IdentifyLun(0, false) }, host.MessageIn(dataPhase));
                // Reselection implies RESTORE POINTERS: resume from the saved pointer.
                rest = host.Ok(ControllerCommand.Transfer(buffer, savedPointer, Total - savedPointer), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.Equal(Half, first!.BytesMoved);
            Assert.Equal(new[] { ScsiMessage.SaveDataPointer }, save);
            Assert.Equal(new[] { ScsiMessage.Disconnect }, disconnect);
            Assert.Equal(Total - Half, rest!.BytesMoved);
            Assert.Equal(write ? payload : data, rig.ImageBlocks(100, 4));
            Assert.Equal(1, rig.Disk.Disconnects);
            Assert.Equal(1, rig.Disk.Reselections);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void NeverReselectLeavesTheInitiatorToTimeOutAndAbort()
        {
            using var rig = new Rig(new ScriptedTargetOptions { DisconnectOnRead = true, NeverReselect = true });
            Completion? wait = null;
            int tur = -1;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, true), Cdb.Read10(0, 1), BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.Disconnect }, host.MessageIn(BusPhase.BusFree));
                ControllerCommand waitReselect = ControllerCommand.WaitReselect();
                waitReselect.TimeoutNs = 50_000_000;
                wait = host.Run(waitReselect);
                // The initiator gives up on the command: select, IDENTIFY, ABORT.
                host.SelectWithMessages(DiskId, new[] { ScsiMessage.IdentifyLun(0, false), ScsiMessage.Abort }, BusPhase.BusFree);
                tur = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(ControllerResult.Timeout, wait!.Result);
            Assert.Equal(0, rig.Disk.Reselections);
            Assert.Equal(1, rig.Disk.AbortsReceived);
            Assert.Equal(ScsiStatus.Good, tur);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        // ---------------------------------------------------------------- error recovery

        [Fact]
        public void InitiatorDetectedErrorGetsRestorePointersAndTheDataAgain()
        {
            const int BadByte = 10;
            using var rig = new Rig();
            rig.Bus.Inject(SimFault.Parity(BusPhase.DataIn, BadByte));
            var data = new byte[Block];
            Completion? first = null;
            Completion? stopped = null;
            byte[]? restore = null;
            Completion? again = null;
            int status = -1;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, false), Cdb.Read10(9, 1), BusPhase.DataIn);
                first = host.Expect(ControllerCommand.Transfer(data, 0, 64), ControllerResult.ParityError, BusPhase.DataIn);
                // ATN: the target leaves DATA IN after the next byte and takes the message.
                host.Ok(ControllerCommand.SetAtn());
                stopped = host.Expect(ControllerCommand.Transfer(data, 64, Block - 64), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.InitiatorDetectedError }), BusPhase.MessageIn);
                restore = host.MessageIn(BusPhase.DataIn);
                // No SAVE DATA POINTER came, so the saved pointer is the start of the data.
                again = host.Ok(ControllerCommand.Transfer(data, 0, Block), BusPhase.Status);
                status = host.Finish();
            });

            Assert.Equal(BadByte, first!.ParityIndex);
            Assert.Equal(1, stopped!.BytesMoved);
            Assert.Equal(new[] { ScsiMessage.RestorePointers }, restore);
            Assert.Equal(ControllerResult.Ok, again!.Result);
            Assert.Equal(rig.ImageBlocks(9, 1), data);
            Assert.Equal(ScsiStatus.Good, status);
            Assert.Equal(1, rig.Disk.RestorePointersSent);
            Assert.Contains(rig.Disk.MessagesReceived, m => m.SequenceEqual(new[] { ScsiMessage.InitiatorDetectedError }));
            AssertOnlyTheInjectedParityViolation(rig.Bus);
        }

        [Fact]
        public void RetryAfterAMidDataDisconnectResumesAtTheSavedPointerNotTheStart()
        {
            const int Total = 4 * Block;
            const int Half = Total / 2;
            using var rig = new Rig(new ScriptedTargetOptions { DisconnectMidData = true });
            var data = new byte[Total];
            Completion? bad = null;
            Completion? again = null;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, true), Cdb.Read10(200, 4), BusPhase.DataIn);
                host.Expect(ControllerCommand.Transfer(data, 0, Total), ControllerResult.PhaseMismatch, BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.SaveDataPointer }, host.MessageIn(BusPhase.MessageIn));
                Assert.Equal(new[] { ScsiMessage.Disconnect }, host.MessageIn(BusPhase.BusFree));
                host.Ok(ControllerCommand.WaitReselect(), BusPhase.MessageIn);
                host.MessageIn(BusPhase.DataIn);
                // Armed now so that it hits the second DATA IN phase (byte indexes restart per phase).
                rig.Bus.Inject(SimFault.Parity(BusPhase.DataIn, 20));
                bad = host.Expect(ControllerCommand.Transfer(data, Half, 64), ControllerResult.ParityError, BusPhase.DataIn);
                host.Ok(ControllerCommand.SetAtn());
                host.Expect(ControllerCommand.Transfer(data, Half + 64, Half - 64), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.InitiatorDetectedError }), BusPhase.MessageIn);
                Assert.Equal(new[] { ScsiMessage.RestorePointers }, host.MessageIn(BusPhase.DataIn));
                // The pointer saved before the disconnection: exactly the second half again.
                again = host.Ok(ControllerCommand.Transfer(data, Half, Half), BusPhase.Status);
                Assert.Equal(ScsiStatus.Good, host.Finish());
            });

            Assert.Equal(20, bad!.ParityIndex);
            Assert.Equal(Half, again!.BytesMoved);
            Assert.Equal(rig.ImageBlocks(200, 4), data);
            Assert.Equal(1, rig.Disk.RestorePointersSent);
            AssertOnlyTheInjectedParityViolation(rig.Bus);
        }

        [Fact]
        public void RepeatedInitiatorDetectedErrorsEndInAbortedCommand()
        {
            // A target retries a bounded number of times, then reports the failure.
            using var rig = new Rig(new ScriptedTargetOptions { MaxRetries = 2 });
            var data = new byte[Block];
            int status = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, false), Cdb.Read10(0, 1), BusPhase.DataIn);
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    host.Ok(ControllerCommand.Transfer(data, 0, 8), BusPhase.DataIn);
                    host.Ok(ControllerCommand.SetAtn());
                    host.Expect(ControllerCommand.Transfer(data, 8, Block - 8), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                    Completion sent = host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.InitiatorDetectedError }));
                    if (attempt < 2)
                    {
                        Assert.Equal(BusPhase.MessageIn, sent.Phase);
                        Assert.Equal(new[] { ScsiMessage.RestorePointers }, host.MessageIn(BusPhase.DataIn));
                    }
                    else
                    {
                        Assert.Equal(BusPhase.Status, sent.Phase);
                    }
                }

                status = host.Finish();
                sense = host.RequestSense(DiskId);
            });

            Assert.Equal(ScsiStatus.CheckCondition, status);
            AssertSense(sense!, ScsiSense.AbortedCommand, ScsiSense.AscInitiatorDetectedErrorMessageReceived);
            Assert.Equal(2, rig.Disk.RestorePointersSent);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void MessageParityErrorGetsTheLastMessageAgain()
        {
            using var rig = new Rig();
            // The first MESSAGE IN byte of the connection: COMMAND COMPLETE of the TUR.
            rig.Bus.Inject(SimFault.Parity(BusPhase.MessageIn, 0));
            Completion? bad = null;
            byte[]? resent = null;
            int status = -1;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, false), Cdb.TestUnitReady(), BusPhase.Status);
                status = host.Ok(ControllerCommand.StatusIn(), BusPhase.MessageIn).StatusByte;
                bad = host.Expect(ControllerCommand.MessageIn(), ControllerResult.ParityError, BusPhase.MessageIn);
                host.Ok(ControllerCommand.SetAtn());
                host.Ok(ControllerCommand.AcceptMessage(), BusPhase.MessageOut);
                host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.MessageParityError }), BusPhase.MessageIn);
                resent = host.MessageIn(BusPhase.BusFree);
            });

            Assert.True(bad!.HasFlag(CompletionFlags.AckHeld));
            Assert.Equal(new[] { ScsiMessage.CommandComplete }, resent);
            Assert.Equal(ScsiStatus.Good, status);
            AssertOnlyTheInjectedParityViolation(rig.Bus);
        }

        [Fact]
        public void ParityErrorInTheCdbGivesAbortedCommand()
        {
            using var rig = new Rig();
            rig.Bus.Inject(SimFault.Parity(BusPhase.Command, 2));
            int status = -1;
            int moved = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                status = host.Command(DiskId, Cdb.Read10(0, 1), dataIn: new byte[Block]);
                moved = host.LastBytesMoved;
                sense = host.RequestSense(DiskId);
            });

            // A CDB it cannot trust is not executed: no data phase.
            Assert.Equal(ScsiStatus.CheckCondition, status);
            Assert.Equal(0, moved);
            AssertSense(sense!, ScsiSense.AbortedCommand, ScsiSense.AscScsiParityError);
            Assert.Equal(1, rig.Disk.ParityErrorsDetected);
            AssertOnlyTheInjectedParityViolation(rig.Bus);
        }

        [Fact]
        public void ParityErrorInDataOutGivesAbortedCommandAndLeavesTheImage()
        {
            using var rig = new Rig();
            rig.Bus.Inject(SimFault.Parity(BusPhase.DataOut, 100));
            byte[] before = rig.ImageBlocks(3, 2);
            int status = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                status = host.Command(DiskId, Cdb.Write10(3, 2), dataOut: RandomBytes(2 * Block, seed: 3));
                sense = host.RequestSense(DiskId);
            });

            Assert.Equal(ScsiStatus.CheckCondition, status);
            AssertSense(sense!, ScsiSense.AbortedCommand, ScsiSense.AscScsiParityError);
            Assert.Equal(before, rig.ImageBlocks(3, 2));
            Assert.Equal(1, rig.Disk.ParityErrorsDetected);
            AssertOnlyTheInjectedParityViolation(rig.Bus);
        }

        [Fact]
        public void AbortDuringDataInEndsTheCommandAndTheTargetServesTheNextOne()
        {
            using var rig = new Rig();
            var data = new byte[4 * Block];
            Completion? abort = null;
            int next = -1;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, false), Cdb.Read10(0, 4), BusPhase.DataIn);
                host.Ok(ControllerCommand.Transfer(data, 0, 100), BusPhase.DataIn);
                host.Ok(ControllerCommand.SetAtn());
                host.Expect(ControllerCommand.Transfer(data, 100, data.Length - 100), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                abort = host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.Abort }), BusPhase.BusFree);
                next = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(BusPhase.BusFree, abort!.Phase);
            Assert.Equal(1, rig.Disk.AbortsReceived);
            Assert.Equal(ScsiStatus.Good, next);
            Assert.Equal(2, rig.Disk.CommandsServed);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void IgnoredAbortKeepsTheTargetInDataInUntilTheInitiatorResetsTheBus()
        {
            using var rig = new Rig(new ScriptedTargetOptions { IgnoreAbort = true });
            var data = new byte[4 * Block];
            Completion? abort = null;
            int afterReset = -1;

            rig.Run(host =>
            {
                host.Start(DiskId, ScsiMessage.IdentifyLun(0, false), Cdb.Read10(0, 4), BusPhase.DataIn);
                host.Ok(ControllerCommand.Transfer(data, 0, 100), BusPhase.DataIn);
                host.Ok(ControllerCommand.SetAtn());
                host.Expect(ControllerCommand.Transfer(data, 100, data.Length - 100), ControllerResult.PhaseMismatch, BusPhase.MessageOut);
                // The target goes back to DATA IN instead of releasing the bus.
                abort = host.Ok(ControllerCommand.MessageOut(new[] { ScsiMessage.Abort }), BusPhase.DataIn);
                host.Ok(ControllerCommand.ResetBus());
                rig.Bus.Clock.SleepNs(1_000_000);
                afterReset = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(BusPhase.DataIn, abort!.Phase);
            Assert.Equal(1, rig.Disk.AbortsReceived);
            Assert.Equal(1, rig.Disk.BusResetsSeen);
            // The reset left a UNIT ATTENTION behind.
            Assert.Equal(ScsiStatus.CheckCondition, afterReset);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void BusDeviceResetGivesUnitAttentionOnTheNextCommand()
        {
            using var rig = new Rig();
            Completion? reset = null;
            int first = -1;
            int second = -1;
            byte[]? sense = null;

            rig.Run(host =>
            {
                Assert.Equal(ScsiStatus.Good, host.Command(DiskId, Cdb.Reserve6()));
                reset = host.SelectWithMessages(DiskId, new[] { ScsiMessage.BusDeviceReset }, BusPhase.BusFree);
                first = host.Command(DiskId, Cdb.TestUnitReady());
                sense = host.RequestSense(DiskId);
                second = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.Equal(BusPhase.BusFree, reset!.Phase);
            Assert.Equal(1, rig.Disk.DeviceResetsReceived);
            Assert.Equal(ScsiStatus.CheckCondition, first);
            AssertSense(sense!, ScsiSense.UnitAttention, ScsiSense.AscPowerOnOrReset);
            Assert.Equal(ScsiStatus.Good, second);
            Assert.Equal(-1, rig.Disk.ReservedBy(0));
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void BusResetGivesUnitAttentionAndEndsSynchronousTransfers()
        {
            using var rig = new Rig();
            int afterReset = -1;
            bool syncBeforeReset = false;

            rig.Run(host =>
            {
                byte[] identifyAndSdtr = new[] { ScsiMessage.IdentifyLun(0, false) }.Concat(ScsiMessage.Sdtr(50, 15)).ToArray();
                host.SelectWithMessages(DiskId, identifyAndSdtr, BusPhase.MessageIn);
                host.MessageIn(BusPhase.Command);
                host.Ok(ControllerCommand.CommandOut(Cdb.TestUnitReady()), BusPhase.Status);
                host.Finish();
                syncBeforeReset = rig.Disk.SyncWith(HostId).IsSynchronous;
                host.Ok(ControllerCommand.ResetBus());
                rig.Bus.Clock.SleepNs(1_000_000);
                afterReset = host.Command(DiskId, Cdb.TestUnitReady());
            });

            Assert.True(syncBeforeReset);
            Assert.Equal(1, rig.Disk.BusResetsSeen);
            Assert.Equal(ScsiStatus.CheckCondition, afterReset);
            Assert.False(rig.Disk.SyncWith(HostId).IsSynchronous);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        /// <summary>
        /// Not about the scripted target but found while building it: docs/controller.md says a
        /// connected controller with no command running reports a bus reset as a completion with
        /// op NONE. The native side makes that completion, but SimController only polls while a
        /// command runs, so TryTakeCompletion never returns it, IsBusy says false, and every later
        /// Submit is refused with Busy: the controller is stuck for good.
        /// </summary>
        [Fact]
        public void ResetWhileConnectedBetweenCommandsIsReportedAndTheControllerStaysUsable()
        {
            using var bus = new SimBus();
            var host = new RawInitiator(bus.Attach(new ControllerOptions(HostId)));
            SimController disk = bus.Attach(new ControllerOptions(DiskId));
            var target = new RawInitiator(disk);
            var reported = new Completion();
            bool taken = false;
            Completion? rearmed = null;

            bus.Spawn("disk0", () =>
            {
                target.Ok(ControllerCommand.EnableSelection(1 << DiskId));
                // Connected, no command running (firmware busy elsewhere) when the reset comes.
                bus.Inject(SimFault.ResetAt(bus.NowNs + 100_000));
                bus.Clock.SleepNs(1_000_000);
                taken = disk.TryTakeCompletion(reported);
                ControllerCommand enable = ControllerCommand.EnableSelection(1 << DiskId);
                enable.TimeoutNs = 1_000_000;
                rearmed = target.Run(enable);
            });
            bus.Spawn("host", () =>
            {
                host.SelectWithMessages(DiskId, new[] { ScsiMessage.IdentifyLun(0, false) }, BusPhase.Command);
                host.Expect(ControllerCommand.CommandOut(Cdb.TestUnitReady()), ControllerResult.BusReset);
            });
            bus.RunAll();

            Assert.True(taken, "the reset was reported to the idle connected controller");
            Assert.Equal(ControllerOp.None, reported.Op);
            Assert.Equal(ControllerResult.BusReset, reported.Result);
            Assert.Equal(ControllerResult.Timeout, rearmed!.Result);
        }

        // ---------------------------------------------------------------- lifecycle

        [Fact]
        public void StopAfterCommandsEndsRunByItself()
        {
            using var rig = new Rig(new ScriptedTargetOptions { StopAfterCommands = 2 });
            Completion? third = null;

            rig.Bus.Spawn("disk0", rig.Disk.Run);
            rig.Bus.Spawn("host", () =>
            {
                Assert.Equal(ScsiStatus.Good, rig.Host.Command(DiskId, Cdb.TestUnitReady()));
                Assert.Equal(ScsiStatus.Good, rig.Host.Command(DiskId, Cdb.TestUnitReady()));
                // Nobody listens any more.
                third = rig.Host.Run(ControllerCommand.Select(DiskId, CommandFlags.Atn));
            });
            rig.Bus.RunAll();

            Assert.True(rig.Disk.HasStopped);
            Assert.Equal(2, rig.Disk.CommandsServed);
            Assert.Equal(ControllerResult.SelectionTimeout, third!.Result);
            RawInitiator.AssertNoViolations(rig.Bus);
        }

        [Fact]
        public void StopEndsAnIdleTarget()
        {
            using var rig = new Rig();

            rig.Run(host => rig.Bus.Clock.SleepNs(10_000_000));

            Assert.Equal(0, rig.Disk.CommandsServed);
            Assert.False(rig.DiskController.IsBusy);
            RawInitiator.AssertNoViolations(rig.Bus);
        }
    }
}
