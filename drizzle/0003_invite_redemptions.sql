CREATE TABLE "lounge_invite_redemptions" (
	"code" text NOT NULL,
	"holder" text NOT NULL,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lounge_invite_redemptions_code_holder_pk" PRIMARY KEY("code","holder")
);
--> statement-breakpoint
ALTER TABLE "lounge_invite_redemptions" ADD CONSTRAINT "lounge_invite_redemptions_code_lounge_invites_code_fk" FOREIGN KEY ("code") REFERENCES "public"."lounge_invites"("code") ON DELETE cascade ON UPDATE no action;