// All payload types of the wire contract (CONTRACT.md sections 5 and 8).
#pragma once

#include "common/chat/chatdetails.h"
#include "common/chat/events.h"
#include "common/chat/message.h"
#include "common/chat/timestamp.h"
#include "common/chat/userprofile.h"
#include "common/chat/validation.h"
