/// Given names common in the UK, from many backgrounds, written for this project. Used to spot
/// people the structured record does not list. A leading "~" marks a name that is also an
/// ordinary word or place (Hope, Will, May, Chelsea): those count as names only with context.
enum GivenNames {
    static let female = """
        ~may ~april ~june olivia amelia isla ava mia ~ivy lily isabella rosie sophia ~grace freya ~willow ~florence emily ella ~poppy evie
        elsie charlotte evelyn sienna sofia ~daisy phoebe sophie alice harper matilda ~ruby emilia maya millie isabelle
        eva luna jessica aria esme imogen chloe scarlett thea layla hallie penelope mila eliza ellie harriet lucy ~holly
        zara nancy martha bonnie maisie molly amelie ~iris eleanor erin gracie ~georgia hannah lottie ada lyla ~violet
        ayla mabel bella ~rose ~hope ~summer ~amber jasmine megan lauren bethany abigail katie rebecca amy leah paige
        shannon ~jade courtney ~chelsea danielle natalie laura sarah emma rachel kirsty gemma stacey samantha nicola
        kelly claire clare louise joanne lisa michelle tracey tracy donna ~dawn julie karen sharon susan ~sue jane janet
        ~jean margaret mary patricia ~pat linda elaine ~carol christine angela alison helen catherine katherine kathryn
        kate katy kath cathy kathleen elizabeth liz lizzie beth betty libby anne ann anna annie ~hazel jennifer jenny
        jenna joanna jo victoria vicky vicki tori deborah debbie debra denise diane dianne wendy yvonne sandra sally
        shirley sheila pauline maureen brenda doreen irene joan joyce julia juliet kerry kim kimberley kimberly leanne
        lindsay lynn lynne mandy maria marie melanie nina paula sonia tina teresa theresa toni valerie vanessa zoe
        chantelle kayleigh jodie demi keeley tegan aimee alisha aisha amira ayesha fatima fatema zainab maryam mariam
        khadija hafsa hira iqra noor sana sara zahra amina aaliyah aliyah anaya aanya priya pooja sunita anjali kavita
        meera nisha riya simran harpreet gurpreet jaspreet manpreet navdeep rajinder parminder shabana shazia nadia
        samina rukhsana farah faiza saima bushra sadia yasmin yasmeen jasmin nasreen parveen rubina shakira halima
        hodan hibo fadumo ikran sagal amal leila rania salma huda hana mona dalia chidinma chioma ngozi adaeze amaka
        ifeoma nneka folake funmilayo funmi yetunde bukola bisi titilayo adaora efua akosua abena ama adwoa afia esi
        yaa akua ~comfort ~blessing ~precious ~patience ~mercy ~favour ~joy ~faith ~destiny shanice shaniqua tanisha
        keisha latoya monique janelle jada kezia keziah tamika zuri imani nia agnieszka katarzyna kasia magdalena magda
        malgorzata gosia ewa zofia zuzanna aleksandra ola natalia dominika justyna paulina monika marta weronika
        wiktoria oliwia ioana andreea elena mihaela alina cristina roxana denisa bianca ramona gabriela raluca daniela
        adriana ruta egle ieva laima greta aiste lina ana ines beatriz mariana francisca leonor carolina catarina rita
        lucia carmen isabel rosa pilar dolores giulia chiara francesca alessia martina valentina siobhan aoife niamh
        ciara orla roisin sinead caoimhe aisling saoirse clodagh grainne maeve bridget deirdre eilidh morag mhairi
        catriona fiona ailsa rhian rhiannon cerys ffion seren bethan eleri gwen gwyneth carys sian mei xiu hui jing
        ying thu linh hoa mai anh ngoc huong trang ayse elif zeynep emine fatma hatice merve esra busra ozlem dilan
        rojin berfin hevin nazli gulsen chanel chardonnay tiffany ~brooke skye ~autumn ~harmony ~heaven ~angel ebony
        kayla kaylee kacey lacey macy mollie lexi lexie tilly tia tianna tiana rihanna nevaeh maddison madison
        mckenzie esmae renee noemie elodie margot camille manon lea clara hanna lena frida ingrid astrid freja sigrid
        olga svetlana tatiana natasha irina oksana yulia daria anastasia nastya katya ekaterina galina ludmila
        abbie abby abi alexandra alexa ali alicia alisha amanda andrea angelina annabel annabelle antonia ariana
        arianna aurora autumn beatrice becky belinda bernadette beverley bridie brittany caitlin caitlyn callie
        carla caroline cassie cecilia charley charlene charlie cheryl christina cindy claudia colleen connie
        corinne courtney crystal cynthia darcey darcie darcy debs delilah della delphine diana dionne dolly dora
        dorothy edith edna eileen elaine ella-rose ellen eloise elsa elspeth emilie emmeline erica erika esther
        eve evangeline faye felicity fern fleur frances francine freda gabrielle gail gaynor georgie georgina
        geraldine gillian gina gloria gwendolyn hailey haley hayley heather heidi helena henrietta hermione hilary
        hollie ida ilona imani india ingrid irene isabel jacqueline jacqui jackie janice jayne jeanette jemima
        jemma jennie jess jessie jill joanna jocelyn josephine josie joy judith judy julianne june justine kara
        karina kasey katrina kayley kelsey keira kiera kirstie kirsty lacey lana lara laurie lavinia lesley lexi
        lilly lillian lilian lilly-mae liliana lorna lorraine louisa lucinda lydia lynsey mabel madeleine madeline
        maggie maisy mandy marcia margo marguerite marian marianne marilyn marion marjorie marlene martina maureen
        maxine melissa melody miranda miriam mollie monica muriel myra naomi natasha nell nellie nicole nikki
        nora norah norma odette olive ophelia paige pamela pam patsy peggy penny petra philippa pippa polly
        priscilla rachael ramona rebekah regina rhoda rita roberta robyn romilly ros rosalind rosemary rosie
        rowena roxanne ruth sabrina sadie saffron samira sasha serena shauna shelby shelley sheryl sienna
        simone sonya stella stephanie sue susie suzanne sylvia tabitha tamara tammy tanya tara tasha tess tessa
        thea tilda trudy una ursula vera veronica vivian vivienne wanda whitney wilma winifred yolanda yvette zoe
        zoey zena aleena alesha alina alyssa amaya amari anais anya aryana asha ashanti aurelia ayana ayla ayesha
        azra bushra chanelle chantal darcey eshal esmay eshaal fatimah hiba ikra inaya iman inaaya khadijah
        lamar laiba maira malaika manahil mahnoor mariyah marwa mehreen mehwish minahil momina nabiha naila
        nazia nimra rabia rida rimsha saba sabiha safa sahar samreen saniya sehar shabnam shaista sidra sobia
        sumaiya sumayyah tahira tanzila tasneem umaima uzma zaynab zoya zunaira adwoa akua ebele ezinne
        nkechi obiageli uchechi oluchi chiamaka ogechi kemi bimpe tolu toyin wunmi morenike damilola ayomide
        boluwatife fiyinfoluwa mosunmola omolara
        """

    static let male = """
        oliver noah george arthur muhammad mohammed mohammad mohamed muhammed leo harry oscar archie henry theodore
        freddie ~jack charlie theo alfie jacob thomas finley arlo lucas isaac tommy albert jude joshua james max mason
        william edward alexander roman reggie rory louie tobias ezra ronnie hugo elijah teddy sebastian louis dylan
        ethan daniel samuel joseph benjamin harrison toby jenson jayden logan riley luca kai aaron adam alex alan allan
        andrew andy anthony tony ben ~bill billy ~bob bobby brian bryan callum calum cameron carl chris christopher
        craig darren dave david ~dean dennis derek dominic ~don donald douglas duncan eddie eric ~frank fred gary
        gareth gavin geoff geoffrey gerald gordon graham greg gregory harvey ian jake jamie jason jeff jeffrey jeremy
        jim jimmy john johnny jon jonathan ~jordan kane keith kenneth ken kevin kev kieran kieron kyle lee lewis liam
        luke marcus ~mark martin matthew ~matt michael mick mike nathan neil ~nick nicholas nigel paul peter pete phil
        philip phillip ~ray raymond richard ~rick ricky ~rob robert robbie roger ron ronald ross russell ryan scott
        sean shaun shane simon stephen steven steve stuart terry tim timothy tom trevor tyler vincent wayne ~will
        zach zack zachary connor conor declan niall padraig ciaran cian oisin eoin seamus fergus angus hamish
        alasdair alistair ewan euan finlay gethin rhys dafydd emyr iwan owain osian ieuan gruffydd aled idris huw ifan
        ahmed ahmad hassan hussain hussein omar umar usman uthman bilal hamza ibrahim ismail yusuf yousef youssef
        zain zayn zayan ayaan rayan rayyan imran irfan kamran asif tariq tahir nadeem naveed rizwan shahid sajid
        majid wasim waqas zubair junaid faisal khalid rashid saeed karim kareem amir aamir adil arif arjun aarav
        rohan rahul raj ravi sanjay sunil anil vijay amit ajay deepak rakesh ramesh suresh dinesh mahesh manoj
        nikhil vikram vivek harjit harjeet gurjit jaswinder kuldip kuldeep sukhdev baljit balvinder ranjit manjit
        jagdeep amarjit inderjit chinedu chukwuemeka emeka obinna ikenna uche nnamdi kelechi chidi chijioke
        oluwaseun seun olumide tunde babatunde ade adebayo adewale ayodele femi olufemi segun dayo kayode kwame
        kofi kwabena kwaku yaw kojo kwasi abdi abdirahman abdullahi mohamud mahamed liban guled jamal jermaine
        tyrone dwayne marlon delroy leroy winston errol clive desmond kwesi andre jerome tyrese kayden kian
        jaden reece kacper jakub szymon filip antoni ~jan kamil mateusz michal piotr pawel tomasz krzysztof lukasz
        marcin marek grzegorz wojciech dawid bartosz adrian rafal andrei alexandru ionut mihai stefan florin bogdan
        cristian gabriel vlad marius razvan darius tudor lukas mantas tomas jonas matas dovydas joao tiago diogo
        pedro rui miguel rafael bruno nuno ricardo carlos jose juan javier alejandro diego pablo sergio jorge
        antonio giuseppe giovanni marco matteo francesco alessandro lorenzo wei jun hao jian ming lei tao minh duc
        dung tuan hung khoa quang huy thanh mehmet mustafa emre murat ahmet hakan kerem burak serkan baran rojhat
        dilshad azad shwan karwan rebin hemin dmitri dmitry sergei sergey ivan igor oleg alexei mikhail vladimir
        nikolai yuri andriy taras bohdan pierre antoine mathieu julien thierry francois hans jurgen klaus lars sven
        erik anders nils henrik abdul abdullah abraham alf alfred alfredo alvin ambrose anton archibald arnold ashton
        austin barney barry bartholomew basil benedict bernard bert bertie blake bradley brandon brendan brett
        bruce byron caleb calvin carlton casey cecil cedric chad charles chester clarence clark claude clayton
        clement clifford clifton clint colin conrad cornelius curtis cyril dale damian damien dan danny darrell
        darryl dennis denzel derrick dexter dominik donovan dougie duane dwight earl ed eddy edgar edmund edwin
        elias elliot elliott ellis elmer emmanuel enzo ernest ernie eugene evan ewan ezekiel felix ferdinand
        fletcher floyd forrest francis franklin frankie frazer fraser freddy frederick gabe garry garth gene
        geraint gerard gerry gilbert glen glenn godfrey gordon graeme grant gustav guy harold harley hayden
        hector herbert herman horace howard hubert hugh humphrey isaiah ivor jackson jacques jared jarvis jasper
        jay jed jefferson jenson jerry jesse jethro joe joel joey jonah jonty jose josh joshua julian julius
        justin kelvin kendrick kenny kit kristian lachlan lance laurence lawrence leighton lenny leon leonard
        leonardo leroy les leslie lester lincoln lionel lloyd lorcan lucas lyle malachi malcolm manny marc
        marlon marshall marvin maurice maximilian maxwell melvin micah miles milo mitchell monty morgan morris
        moses murray nathaniel ned neville nico nicolas noel norman oakley ollie orlando oswald otis otto owen
        patrick percy perry quentin quinn ralph randall randolph raphael reginald reuben rex rhys roderick rodney
        roland rolf rowan roy rufus rupert sam sammy saul seb sidney silas sol solomon spencer stan stanley
        sterling stewart stu sullivan sydney ted terence thaddeus tobias todd travis tristan troy ty vernon
        victor wade walter warren wesley wilbur wilf wilfred willis winston wyatt xavier yannick zac zachariah
        zak zeke abdulla ahsan aqib arslan asad atif ayan azhar danish ehsan fahad farhan haris hasnain ibrahim
        ijaz ikram ishaq jawad kashif mubarak mudassar nabeel naeem owais qasim raheel saqib shahzad shakeel
        sohail sufyan talha umair waleed yasir zeeshan zohaib amaan arhaan ayyan eesa hamzah haroon ishaan
        musa rehan rehman sameer saad zakariya zakaria adeel fawad chukwudi ifeanyi nonso tobenna chibueze
        chigozie ebuka ayomide damilare oluwadamilare temitope tope temi tobi oluwatobi olamide fisayo gbenga
        kunle wale yinka bayo jide demola lanre niyi
        """

    static let unisex = """
        alex sam charlie ~jordan taylor jamie casey morgan riley ~robin ashley ~ash jesse kerry leslie lesley chris
        frankie billie bobbie jo toni sasha kai rowan quinn reese avery ~eden ~river ~sage remi remy ari noor nur
        temi tobi kiran simran amandeep andie ~drew blake parker harley hayden kendall kelsey jules mel nat ~sky
        ~pat sam sammy alex chris jo jamie charlie frankie terry jess jessie lee kim nat mel jackie bobby billy danny
        toni ricky robin jordan jody ashley kelly kerry lindsay lesley leslie sandy stevie alexis ainsley bailey brogan cameron carson dakota devon dylan ellis emerson finley frankie jaime jess
        jody kai lee logan marley mickey nicky ocean peyton phoenix reagan rene robbie ryan sandy shay sidney
        skyler stevie sydney terry tyler ~storm ~angel jaden rio
        """
}
